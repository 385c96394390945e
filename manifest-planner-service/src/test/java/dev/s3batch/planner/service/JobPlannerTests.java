package dev.s3batch.planner.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class JobPlannerTests {

    /** Only the planner's own defects count towards failing a poison job; outages of what it depends on do not. */
    @Test
    void defectsCountOutagesDoNot() {
        assertTrue(JobPlanner.defect(new NullPointerException()));
        assertTrue(JobPlanner.defect(new CompletionException(new IllegalArgumentException("bad"))));
        assertTrue(JobPlanner.defect(new RuntimeException(new ArithmeticException())));
        assertFalse(JobPlanner.defect(new CompletionException(new java.net.ConnectException("Connection refused"))));
        assertFalse(JobPlanner.defect(new io.smallrye.mutiny.TimeoutException()));
        assertFalse(JobPlanner.defect(new IllegalStateException("Pool closed")));
        assertFalse(JobPlanner.defect(new java.io.UncheckedIOException(new java.io.IOException("reset"))));
    }
}
