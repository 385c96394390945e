package dev.s3batch.model.job;

/**
 * Where a generated manifest is written (AWS's ManifestOutputLocation): {@code <bucket>/<prefix>/job-<id>/manifest.json}
 * and its data files, in AWS's S3InventoryReport_CSV_20211130 format.
 *
 * @param encryption null, {@code SSE-S3} or {@code SSE-KMS} (then with {@code kmsKeyId})
 */
public record ManifestOutput(String bucket, String prefix, String expectedBucketOwner, String encryption, String kmsKeyId) {
    public ManifestOutput {
        prefix = prefix == null ? "" : prefix;
    }
}
