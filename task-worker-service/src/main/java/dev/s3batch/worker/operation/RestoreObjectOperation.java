package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.worker.s3.StoreClient;
import dev.s3batch.worker.service.S3Failure;
import io.minio.http.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks the store to restore an archived object: S3 RestoreObject, {@code POST ?restore} with a {@code RestoreRequest}
 * of {@code Days} and {@code GlacierJobParameters/Tier}. The store answers 202 (restore started) or 200 (already
 * restored: the copy's lifetime is extended). A {@code 409 RestoreAlreadyInProgress} means the restore the job asks for
 * is under way: the task succeeds, as the clouds count it, and its ResultMessage says so. Stores without archive tiers
 * answer as they do (Ceph RGW: 501 NotImplemented), and that answer is the task's.
 */
public final class RestoreObjectOperation implements ObjectOperation {
    static final String ALREADY_IN_PROGRESS = "RestoreAlreadyInProgress: the store is already restoring this object (HTTP 409).";
    private final String body;

    public RestoreObjectOperation(Operation.RestoreObject op) {
        this.body = body(op);
    }

    static String body(Operation.RestoreObject op) {
        StringBuilder xml = new StringBuilder("<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        if (op.days() != null) {
            xml.append("<Days>").append(op.days()).append("</Days>");
        }
        if (op.tier() != null) {
            xml.append("<GlacierJobParameters><Tier>").append(op.tier()).append("</Tier></GlacierJobParameters>");
        }
        return xml.append("</RestoreRequest>").toString();
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) {
        return s3.send(Method.POST, task.bucket(), task.key(), StoreClient.none(), StoreClient.subresource("restore", task.versionId()), body)
                .thenApply(answer -> Outcome.of(answer.status()))
                .exceptionally(e -> {
                    if (alreadyInProgress(e)) {
                        return new Outcome(200, ALREADY_IN_PROGRESS);
                    }
                    throw e instanceof CompletionException c ? c : new CompletionException(e);
                });
    }

    static boolean alreadyInProgress(Throwable e) {
        return "RestoreAlreadyInProgress".equals(S3Failure.of(e).code());
    }
}
