package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import io.minio.MinioAsyncClient;
import io.minio.SetObjectTagsArgs;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Replaces the object's tag set (S3 PutObjectTagging). */
public final class PutObjectTaggingOperation implements ObjectOperation {
    private final Map<String, String> tags;

    public PutObjectTaggingOperation(Operation.PutObjectTagging op) {
        this.tags = Tag.asMap(op.tags());
    }

    @Override
    public CompletableFuture<Integer> run(MinioAsyncClient s3, TaskRef task) throws Exception {
        return s3.setObjectTags(SetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).tags(tags).build()).thenApply(done -> 200);
    }
}
