package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import dev.s3batch.worker.s3.StoreClient;
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
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) throws Exception {
        return s3.setObjectTags(SetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).tags(tags).build()).thenApply(done -> Outcome.of(200));
    }
}
