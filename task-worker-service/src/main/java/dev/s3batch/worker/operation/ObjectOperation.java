package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import io.minio.MinioAsyncClient;
import java.util.concurrent.CompletableFuture;

/** Runs one job operation on one object; completes with the HTTP status of success, or fails with the S3 error. */
public interface ObjectOperation {
    CompletableFuture<Integer> run(MinioAsyncClient s3, TaskRef task) throws Exception;
}
