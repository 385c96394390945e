package dev.s3batch.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Which objects a job acts on. Each dialect maps its own manifest shapes onto these kinds; adding a kind is a record
 * here, a method in {@link Visitor} (the compiler then names every reader and writer that must handle it) and a reader
 * in the planner.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = ManifestSpec.Csv.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ManifestSpec.Csv.class, name = "Csv"),
        @JsonSubTypes.Type(value = ManifestSpec.Inventory.class, name = "Inventory"),
        @JsonSubTypes.Type(value = ManifestSpec.Generated.class, name = "Generated"),
})
public sealed interface ManifestSpec {

    /** The buckets the job's role reads to learn the objects (the manifest's, or the listed bucket). */
    List<String> readBuckets();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R csv(Csv csv);

        R inventory(Inventory inventory);

        R generated(Generated generated);
    }

    /**
     * A CSV object, one object per row, its columns named by {@code fields}. {@code etag} pins the manifest's content:
     * when it is set and the object's ETag differs, the job fails.
     */
    record Csv(List<ManifestField> fields, ObjectLocation location, String etag) implements ManifestSpec {
        public Csv {
            fields = List.copyOf(fields);
        }

        @Override
        public List<String> readBuckets() {
            return List.of(location.bucket());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.csv(this);
        }
    }

    /**
     * A bucket inventory: {@code location} is its {@code manifest.json} (AWS, OSS and COS write the same shape), which
     * names gzipped CSV data files and their columns. {@code versions}: act on every version the inventory lists (the
     * job's Fields name VersionId), otherwise on the latest version of each object only.
     */
    record Inventory(ObjectLocation location, String etag, boolean versions) implements ManifestSpec {
        @Override
        public List<String> readBuckets() {
            return List.of(location.bucket());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.inventory(this);
        }
    }

    /**
     * The objects of {@code sourceBucket} under {@code prefix} (may be empty) that pass {@code filter}, listed once while
     * the job is Preparing (OSS KeyPrefixManifestGenerator, AWS S3JobManifestGenerator). With {@code output} the listing
     * is also written as a manifest there.
     */
    record Generated(String sourceBucket, String prefix, ListingFilter filter, ManifestOutput output, String expectedBucketOwner)
            implements ManifestSpec {
        public Generated {
            prefix = prefix == null ? "" : prefix;
            filter = filter == null ? ListingFilter.NONE : filter;
        }

        @Override
        public List<String> readBuckets() {
            return List.of(sourceBucket);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.generated(this);
        }
    }
}
