package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.worker.s3.StoreClient;
import java.util.concurrent.CompletableFuture;

/** Runs one job operation on one object; completes with its {@link Outcome}, or fails with the S3 error. */
public interface ObjectOperation {
    CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) throws Exception;

    /**
     * The request slots this operation's calls take when they are not the store's (a webhook's: {@code max} in flight
     * per worker, named by {@code key}); null when it calls the store.
     */
    default Slots ownSlots() {
        return null;
    }

    record Slots(String key, int max) {
    }
}
