package dev.s3batch.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The one operation a job runs on every object. Each dialect maps its own operation names onto these;
 * a new operation is a new record here plus an executor in task-worker-service.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.PutObjectTagging.class, name = "PutObjectTagging"),
})
public sealed interface Operation {

    /** The canonical operation name (the OSS one), as roles list the operations they allow. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Replaces the object's whole tag set. */
    record PutObjectTagging(java.util.List<Tag> tags) implements Operation {
        public PutObjectTagging {
            tags = java.util.List.copyOf(tags);
        }
    }
}
