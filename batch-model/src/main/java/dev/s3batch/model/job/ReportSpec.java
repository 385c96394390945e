package dev.s3batch.model.job;

/** Where the completion report goes. When {@code enabled} is false no report is written. */
public record ReportSpec(boolean enabled, String bucket, String prefix, ReportScope scope, ReportFormat format) {
}
