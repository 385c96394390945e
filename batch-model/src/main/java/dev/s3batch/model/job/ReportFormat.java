package dev.s3batch.model.job;

/** The report layout a job asked for; the only thing below the dialect adapters that depends on the dialect. */
public enum ReportFormat {
    /** OSS: {@code <Prefix>/<JobId>/results/manifest.json} and CSV files {@code Bucket,Key,VersionId,HTTPStatus,Error}. */
    OSS_REPORT_CSV_20250901,
    /** AWS: {@code <Prefix>/job-<JobId>/manifest.json} and {@code results/<sha1>.csv} with
     * {@code Bucket,Key,VersionId,TaskStatus,HTTPStatusCode,ErrorCode,ResultMessage}. */
    AWS_REPORT_CSV_20180820,
    /** COS: the AWS layout, with format name {@code Report_CSV_V1}. */
    COS_REPORT_CSV_V1;

    /** The report's format name as its manifest.json states it. */
    public String wireName() {
        return switch (this) {
            case OSS_REPORT_CSV_20250901 -> "Report_CSV_20250901";
            case AWS_REPORT_CSV_20180820 -> "Report_CSV_20180820";
            case COS_REPORT_CSV_V1 -> "Report_CSV_V1";
        };
    }

    /** Whether the report uses the AWS layout and row format (AWS and COS). */
    public boolean awsLayout() {
        return this != OSS_REPORT_CSV_20250901;
    }
}
