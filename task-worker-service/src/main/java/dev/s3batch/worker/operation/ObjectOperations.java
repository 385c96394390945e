package dev.s3batch.worker.operation;

import dev.s3batch.model.job.Operation;

/** Picks the executor of a job operation: one per operation, the compiler checks none is missing. */
public final class ObjectOperations implements Operation.Visitor<ObjectOperation> {
    private static final ObjectOperations INSTANCE = new ObjectOperations();

    private ObjectOperations() {
    }

    public static ObjectOperation of(Operation operation) {
        return operation.accept(INSTANCE);
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
        return (s3, task) -> s3.deleteObjectTags(io.minio.DeleteObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).build()).thenApply(done -> 204); // S3 answers DeleteObjectTagging with 204
    }

    @Override
    public ObjectOperation deleteObject(Operation.DeleteObject op) {
        return (s3, task) -> s3.removeObject(io.minio.RemoveObjectArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).build()).thenApply(done -> 204); // S3 answers DeleteObject with 204, key or not
    }
}
