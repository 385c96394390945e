package dev.s3batch.worker.operation;

import dev.s3batch.model.job.Operation;

/** Picks the executor of a job operation. */
public final class ObjectOperations {
    private ObjectOperations() {
    }

    public static ObjectOperation of(Operation operation) {
        if (operation instanceof Operation.PutObjectTagging tagging) {
            return new PutObjectTaggingOperation(tagging);
        }
        throw new IllegalArgumentException("no executor for " + operation.getClass().getSimpleName());
    }
}
