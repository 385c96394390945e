package dev.s3batch.worker.jobstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PriorityGateTests {
    @Test
    void freeSlotsAreGivenAtOnce() {
        PriorityGate gate = new PriorityGate(2);
        assertTrue(gate.acquire(1).isDone());
        assertTrue(gate.acquire(1).isDone());
        assertFalse(gate.acquire(1).isDone());
        assertEquals(1, gate.waiting());
    }

    @Test
    void aFreedSlotGoesToTheHighestPriorityThenTheOldestWaiter() {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(0);
        List<String> order = new ArrayList<>();
        CompletableFuture<Void> lowFirst = gate.acquire(1).thenRun(() -> order.add("low-1"));
        CompletableFuture<Void> lowSecond = gate.acquire(1).thenRun(() -> order.add("low-2"));
        CompletableFuture<Void> high = gate.acquire(5000).thenRun(() -> order.add("high"));
        gate.release();
        assertTrue(high.isDone());
        assertFalse(lowFirst.isDone());
        gate.release();
        gate.release();
        assertTrue(lowSecond.isDone());
        assertEquals(List.of("high", "low-1", "low-2"), order);
    }

    @Test
    void amongEqualPrioritiesTheOlderGroupGoesFirst() {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(1, 1);
        List<String> order = new ArrayList<>();
        gate.acquire(1, 2).thenRun(() -> order.add("newer batch"));
        gate.acquire(1, 1).thenRun(() -> order.add("older batch"));
        gate.release();
        gate.release();
        assertEquals(List.of("older batch", "newer batch"), order);
    }

    @Test
    void slowDownsShrinkTheSlotsAndSuccessesGrowThemBack() throws Exception {
        PriorityGate gate = new PriorityGate(64, 4);
        assertEquals(64, gate.limit());
        assertEquals(44, gate.congested());
        assertEquals(44, gate.congested(), "a burst of SlowDowns counts once");
        for (int i = 0; i < 20; i++) {
            Thread.sleep(PriorityGate.DECREASE_SPACING / 1_000_000 + 5);
            gate.congested();
        }
        assertEquals(4, gate.limit(), "never below the minimum");
        // four slots: the fifth caller waits though nothing else is held
        for (int i = 0; i < 4; i++) {
            assertTrue(gate.acquire(1).isDone());
        }
        CompletableFuture<Void> fifth = gate.acquire(1);
        assertFalse(fifth.isDone());
        for (int i = 0; i < 5; i++) {
            gate.succeeded(); // about a round of successes: one more slot, given to the waiter at once
        }
        assertTrue(fifth.isDone());
        for (int i = 0; i < 10_000; i++) {
            gate.succeeded();
        }
        assertEquals(64, gate.limit(), "back to the maximum, not past it");
    }
}
