package dev.s3batch.model.job;

/** The report layout a job asked for; the only thing below the dialect adapters that depends on the dialect. */
public enum ReportFormat {
    /** OSS: {@code <Prefix>/<JobId>/results/manifest.json} and CSV files {@code Bucket,Key,VersionId,HTTPStatus,Error}. */
    OSS_REPORT_CSV_20250901,
    /** AWS: {@code <Prefix>/job-<JobId>/manifest.json} and {@code results/<sha1>.csv} with
     * {@code Bucket,Key,VersionId,TaskStatus,HTTPStatusCode,ErrorCode,ResultMessage}. */
    AWS_REPORT_CSV_20180820
}
