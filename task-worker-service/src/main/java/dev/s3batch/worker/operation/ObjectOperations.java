package dev.s3batch.worker.operation;

import dev.s3batch.model.function.Functions;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.role.ReplicationTarget;
import dev.s3batch.worker.s3.StoreClient;
import java.util.Optional;
import dev.s3batch.worker.config.CopyConfig;
import io.minio.DeleteObjectTagsArgs;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/** Picks the executor of a job operation: one per operation, the compiler checks none is missing. */
public final class ObjectOperations implements Operation.Visitor<ObjectOperation> {
    private final CopyConfig.Settings copy;
    private final Webhooks webhooks;
    private final Replicas replicas;

    /** What a LambdaInvoke executor needs: the configured functions, the job it works for, how it retries. */
    public record Webhooks(Functions functions, String jobId, LambdaInvokeOperation.Retry retry) {
    }

    /**
     * What a ReplicateObject executor needs: the job's role's destination (empty: it has none) and the client of the
     * store the replicas go to when that is not the role's own (null: it is).
     */
    public record Replicas(Optional<ReplicationTarget> target, StoreClient elsewhere) {
        public static final Replicas NONE = new Replicas(Optional.empty(), null);
    }

    private ObjectOperations(CopyConfig.Settings copy, Webhooks webhooks, Replicas replicas) {
        this.copy = copy;
        this.webhooks = webhooks;
        this.replicas = replicas;
    }

    /** The executor of {@code operation} for one batch (an executor may keep what it learns for the batch's tasks). */
    public static ObjectOperation of(Operation operation, CopyConfig.Settings copy, Webhooks webhooks, Replicas replicas) {
        return operation.accept(new ObjectOperations(copy, webhooks, replicas));
    }

    @Override
    public ObjectOperation replicateObject(Operation.ReplicateObject op) {
        return replicas.target().<ObjectOperation>map(t -> new ReplicateObjectOperation(t, replicas.elsewhere(), copy))
                // configured when the job was created, gone since: every task fails saying so
                .orElse((s3, task) -> CompletableFuture.failedFuture(new TaskFailure(400, "ReplicationConfigurationNotFoundError",
                        "The job's role has no replication destination any more (s3batch.roles.<id>.replication.bucket).")));
    }

    @Override
    public ObjectOperation computeObjectChecksum(Operation.ComputeObjectChecksum op) {
        return new ComputeObjectChecksumOperation(op);
    }

    @Override
    public ObjectOperation lambdaInvoke(Operation.LambdaInvoke op) {
        return webhooks.functions().byArn(op.functionArn())
                .<ObjectOperation>map(f -> new LambdaInvokeOperation(op, f, webhooks.jobId(), webhooks.retry()))
                // configured when the job was created, gone since: every task fails saying so
                .orElse((s3, task) -> CompletableFuture.failedFuture(new TaskFailure(400, "FunctionNotConfigured",
                        "The function " + op.functionArn() + " is no longer configured (s3batch.functions.*).")));
    }

    @Override
    public ObjectOperation putObjectTagging(Operation.PutObjectTagging op) {
        return new PutObjectTaggingOperation(op);
    }

    @Override
    public ObjectOperation addObjectTagging(Operation.AddObjectTagging op) {
        return new AddObjectTaggingOperation(op);
    }

    @Override
    public ObjectOperation deleteObjectTagging(Operation.DeleteObjectTagging op) {
        return (s3, task) -> s3.deleteObjectTags(DeleteObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).build()).thenApply(done -> Outcome.of(204)); // S3 answers DeleteObjectTagging with 204
    }

    @Override
    public ObjectOperation deleteObject(Operation.DeleteObject op) {
        return (s3, task) -> s3.removeObject(RemoveObjectArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).build()).thenApply(done -> Outcome.of(204)); // S3 answers DeleteObject with 204, key or not
    }

    @Override
    public ObjectOperation putObjectAcl(Operation.PutObjectAcl op) {
        return new PutObjectAclOperation(op);
    }

    @Override
    public ObjectOperation restoreObject(Operation.RestoreObject op) {
        return new RestoreObjectOperation(op);
    }

    @Override
    public ObjectOperation putObjectCopy(Operation.PutObjectCopy op) {
        return new PutObjectCopyOperation(op, copy);
    }

    @Override
    public ObjectOperation putObjectLegalHold(Operation.PutObjectLegalHold op) {
        return legalHold(op);
    }

    @Override
    public ObjectOperation putObjectRetention(Operation.PutObjectRetention op) {
        return retention(op);
    }

    /** PutObjectLegalHold on the task's object (and version); also what a copy's ObjectLockLegalHoldStatus puts on the copy. */
    static ObjectOperation legalHold(Operation.PutObjectLegalHold op) {
        return (s3, task) -> (op.status().equals("ON")
                ? s3.enableObjectLegalHold(EnableObjectLegalHoldArgs.builder().bucket(task.bucket()).object(task.key()).versionId(task.versionId()).build())
                : s3.disableObjectLegalHold(DisableObjectLegalHoldArgs.builder().bucket(task.bucket()).object(task.key()).versionId(task.versionId()).build()))
                .thenApply(done -> Outcome.of(200));
    }

    /** PutObjectRetention on the task's object (and version); also what a copy's object-lock mode and date put on the copy. */
    static ObjectOperation retention(Operation.PutObjectRetention op) {
        Retention retention = new Retention(RetentionMode.valueOf(op.mode()), op.retainUntil().atZone(ZoneOffset.UTC));
        return (s3, task) -> s3.setObjectRetention(SetObjectRetentionArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).config(retention).bypassGovernanceMode(op.bypassGovernance()).build()).thenApply(done -> Outcome.of(200));
    }
}
