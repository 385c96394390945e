package dev.s3batch.model.event;

/**
 * One task of a batch: an object reference, never a payload. {@code rejectReason} is set when the manifest row could not
 * be read (the task then fails with that reason and no S3 call); {@code bucket} and {@code key} then hold what was read.
 */
public record TaskRef(String bucket, String key, String versionId, String rejectReason) {

    public static TaskRef of(String bucket, String key, String versionId) {
        return new TaskRef(bucket, key, versionId, null);
    }

    public static TaskRef rejected(String rawRow, String reason) {
        return new TaskRef("", rawRow, null, reason);
    }
}
