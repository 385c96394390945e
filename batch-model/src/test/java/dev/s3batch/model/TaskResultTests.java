package dev.s3batch.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.event.TaskResult;
import org.junit.jupiter.api.Test;

class TaskResultTests {
    static final TaskRef TASK = TaskRef.of("b", "k", null);

    /** A function's PermanentFailure comes with HTTP 200; it was counted and reported as a success. */
    @Test
    void aFailureIsAFailureWhateverItsStatus() {
        assertFalse(TaskResult.failure(TASK, 200, "PermanentFailure", "cannot resize").succeeded());
        assertFalse(TaskResult.failure(TASK, 404, "NoSuchKey", null).succeeded());
        assertTrue(TaskResult.success(TASK, 200, "resized").succeeded());
        assertTrue(TaskResult.success(TASK, 204).succeeded());
    }
}
