package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.worker.s3.StoreClient;
import java.util.concurrent.CompletableFuture;

/** Runs one job operation on one object; completes with its {@link Outcome}, or fails with the S3 error. */
public interface ObjectOperation {
    CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) throws Exception;
}
