package dev.s3batch.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.store.StoreErrors;
import org.junit.jupiter.api.Test;

class StoreErrorsTests {

    @Test
    void serverErrorsAndTransientCodesAreRetriedNotImplementedIsNot() {
        for (int status : new int[]{500, 502, 503, 504}) {
            assertTrue(StoreErrors.retryable(status, null), String.valueOf(status));
        }
        assertTrue(StoreErrors.retryable(400, "RequestTimeout"));
        assertTrue(StoreErrors.retryable(403, "RequestTimeTooSkewed"));
        assertTrue(StoreErrors.retryable(409, "OperationAborted"));
        assertFalse(StoreErrors.retryable(501, "NotImplemented"), "a store without the call answers 501 every time");
        assertFalse(StoreErrors.retryable(404, "NoSuchKey"));
        assertFalse(StoreErrors.retryable(412, "PreconditionFailed"));
    }
}
