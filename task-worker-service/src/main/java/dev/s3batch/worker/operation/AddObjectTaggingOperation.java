package dev.s3batch.worker.operation;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import io.minio.GetObjectTagsArgs;
import dev.s3batch.worker.s3.StoreClient;
import io.minio.SetObjectTagsArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Adds tags to the object's own (OSS AddObjectTagging): reads its tag set, puts the job's tags over it (a key it
 * already has takes the new value) and writes the whole set back. An object that would end with more than 10 tags, or
 * more than 1 KB of keys and values, is not changed and fails alone with 400 {@code InvalidArgument}.
 * <p>
 * The read and the write are two requests: a tag another client sets on the object between them is lost (S3 has no
 * conditional tagging).
 */
public final class AddObjectTaggingOperation implements ObjectOperation {
    static final int MAX_TAGS = 10;
    static final int MAX_BYTES = 1024;
    private final Map<String, String> added;

    public AddObjectTaggingOperation(Operation.AddObjectTagging op) {
        this.added = Tag.asMap(op.tags());
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) throws Exception {
        return s3.getObjectTags(GetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key()).versionId(task.versionId()).build())
                .thenCompose(current -> {
                    Map<String, String> merged = merge(current.get(), added);
                    return StoreClient.call(() -> s3.setObjectTags(SetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                            .versionId(task.versionId()).tags(merged).build())).thenApply(done -> Outcome.of(200));
                });
    }

    /** The object's tags with {@code added} put over them; refused when the result breaks S3's limits. */
    static Map<String, String> merge(Map<String, String> current, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        merged.putAll(added);
        int bytes = merged.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (merged.size() > MAX_TAGS || bytes > MAX_BYTES) {
            // an IllegalArgumentException is the task's 400 InvalidArgument, with this message, in the report
            throw new IllegalArgumentException("The object would have " + merged.size() + " tags (" + bytes
                    + " characters of keys and values); an object has at most " + MAX_TAGS + " tags, " + MAX_BYTES + " in all.");
        }
        return merged;
    }
}
