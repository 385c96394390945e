package dev.s3batch.model.job;

/**
 * The canonical job, whatever dialect created it: what a CreateJob request means once parsed and validated.
 *
 * @param accountId the account that owns the job
 * @param roleArn the role whose S3 credentials read the manifest, act on objects and write the report
 * @param clientRequestToken idempotency token, unique per account
 */
public record JobSpec(
        String accountId,
        Operation operation,
        ManifestSpec manifest,
        ReportSpec report,
        int priority,
        String roleArn,
        String description,
        boolean confirmationRequired,
        String clientRequestToken) {
}
