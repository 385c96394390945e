package dev.s3batch.model.job;

/** An object in a bucket; {@code versionId} is null for the current version. */
public record ObjectLocation(String bucket, String key, String versionId) {
}
