package dev.s3batch.model.job;

/** The manifest.json a job's manifest generator wrote (EnableManifestOutput), as DescribeJob names it. */
public record GeneratedManifest(ObjectLocation location, String etag) {
}
