package dev.s3batch.model;

import static dev.s3batch.model.job.JobStatus.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.s3batch.model.job.JobStatus;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStatusTests {

    @Test
    void hasTheThirteenStatesWithTheirWireNames() {
        assertEquals(13, JobStatus.values().length);
        assertEquals("Active", ACTIVE.wireName());
        assertEquals(SUSPENDED, JobStatus.fromWire("Suspended").orElseThrow());
        assertTrue(JobStatus.fromWire("active").isEmpty(), "wire names are case-sensitive");
    }

    @Test
    void theHappyPathIsAllowed() {
        JobStatus[] path = {NEW, PREPARING, SUSPENDED, READY, ACTIVE, PAUSING, PAUSED, ACTIVE, COMPLETING, COMPLETE};
        for (int i = 1; i < path.length; i++) {
            assertTrue(path[i - 1].canMoveTo(path[i]), path[i - 1] + " -> " + path[i]);
        }
    }

    @Test
    void terminalStatesHaveNoExit() {
        assertEquals(EnumSet.of(COMPLETE, CANCELLED, FAILED),
                EnumSet.copyOf(java.util.Arrays.stream(values()).filter(JobStatus::isTerminal).toList()));
        for (JobStatus terminal : EnumSet.of(COMPLETE, CANCELLED, FAILED)) {
            for (JobStatus any : values()) {
                assertFalse(terminal.canMoveTo(any), terminal + " -> " + any);
            }
        }
    }

    @Test
    void aJobNeverReturnsToSuspendedOrGoesBackwards() {
        for (JobStatus s : values()) {
            if (s != PREPARING) {
                assertFalse(s.canMoveTo(SUSPENDED), s + " -> Suspended");
            }
            assertFalse(s.canMoveTo(NEW), s + " -> New");
        }
        assertFalse(ACTIVE.canMoveTo(READY));
        assertFalse(COMPLETING.canMoveTo(ACTIVE));
        assertFalse(CANCELLING.canMoveTo(FAILING), "a cancellation is not turned into a failure");
    }

    @Test
    void everyNonTerminalStateCanBeCancelledOrFailedExceptWhileWindingDown() {
        for (JobStatus s : values()) {
            if (s.isTerminal() || s == CANCELLING || s == FAILING) {
                continue;
            }
            assertTrue(s.canMoveTo(FAILING), s + " -> Failing");
            assertEquals(s != COMPLETING, s.canMoveTo(CANCELLING), s + " -> Cancelling");
        }
    }

    @Test
    void everyStateIsReachableFromNewAndReachesATerminalState() {
        Set<JobStatus> seen = EnumSet.of(NEW);
        var queue = new ArrayDeque<>(Set.of(NEW));
        while (!queue.isEmpty()) {
            for (JobStatus n : queue.poll().next()) {
                if (seen.add(n)) {
                    queue.add(n);
                }
            }
        }
        assertEquals(EnumSet.allOf(JobStatus.class), seen);
        for (JobStatus s : values()) {
            assertTrue(s.isTerminal() || s.next().stream().anyMatch(n -> n.isTerminal() || !n.next().isEmpty()));
        }
    }
}
