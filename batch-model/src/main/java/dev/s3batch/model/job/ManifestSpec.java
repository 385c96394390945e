package dev.s3batch.model.job;

import java.util.List;

/**
 * Where the manifest is and how to read it. {@code etag} pins the manifest's content: when it is set and the object's
 * ETag differs, the job fails.
 */
public record ManifestSpec(ManifestFormat format, List<ManifestField> fields, ObjectLocation location, String etag) {
    public ManifestSpec {
        fields = List.copyOf(fields);
    }
}
