package dev.s3batch.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The one operation a job runs on every object. Each dialect maps its own operation names onto these. Adding an
 * operation is a record here and a method in {@link Visitor}: the compiler then names every place that must handle it
 * (each dialect's reader and writer, the worker's executor), since each of them is a visitor.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.PutObjectTagging.class, name = "PutObjectTagging"),
        @JsonSubTypes.Type(value = Operation.AddObjectTagging.class, name = "AddObjectTagging"),
        @JsonSubTypes.Type(value = Operation.DeleteObjectTagging.class, name = "DeleteObjectTagging"),
        @JsonSubTypes.Type(value = Operation.DeleteObject.class, name = "DeleteObject"),
})
public sealed interface Operation {

    /** The canonical operation name (the OSS one), as roles list the operations they allow. */
    default String name() {
        return getClass().getSimpleName();
    }

    <R> R accept(Visitor<R> visitor);

    /** One method per operation: what a reader, writer or executor does with each. */
    interface Visitor<R> {
        R putObjectTagging(PutObjectTagging op);

        R addObjectTagging(AddObjectTagging op);

        R deleteObjectTagging(DeleteObjectTagging op);

        R deleteObject(DeleteObject op);
    }

    /** Replaces the object's whole tag set. */
    record PutObjectTagging(List<Tag> tags) implements Operation {
        public PutObjectTagging {
            tags = List.copyOf(tags);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectTagging(this);
        }
    }

    /**
     * Adds tags to the object's own (OSS AddObjectTagging): a key it already has takes the new value; an object that
     * would end with more than 10 tags, or over 1 KB of them, fails alone.
     */
    record AddObjectTagging(List<Tag> tags) implements Operation {
        public AddObjectTagging {
            tags = List.copyOf(tags);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addObjectTagging(this);
        }
    }

    /** Removes every tag of the object (OSS DeleteObjectTagging, AWS S3DeleteObjectTagging). */
    record DeleteObjectTagging() implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteObjectTagging(this);
        }
    }

    /**
     * Deletes the object (COS COSDeleteObject); a manifest row with a version id deletes that version. A key that does
     * not exist is reported as the store answers it (S3: 204).
     */
    record DeleteObject() implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteObject(this);
        }
    }
}
