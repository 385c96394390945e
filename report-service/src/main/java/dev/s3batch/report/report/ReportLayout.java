package dev.s3batch.report.report;

import dev.s3batch.model.job.ReportSpec;
import java.util.UUID;

/**
 * Where a job's report goes, in the OSS layout: {@code <Prefix>/<JobId>/results/manifest.json} and the CSV files
 * beside it. Result lines are staged per batch under {@code <Prefix>/<JobId>/staging/} until the job ends.
 */
public record ReportLayout(String bucket, String jobRoot) {

    public static ReportLayout of(ReportSpec report, UUID jobId) {
        String prefix = report.prefix() == null ? "" : report.prefix().replaceAll("^/+|/+$", "");
        return new ReportLayout(report.bucket(), (prefix.isEmpty() ? "" : prefix + "/") + jobId);
    }

    public String resultsPrefix() {
        return jobRoot + "/results/";
    }

    public String manifestKey() {
        return resultsPrefix() + "manifest.json";
    }

    public String reportFileKey(int n) {
        return resultsPrefix() + "report-" + n + ".csv";
    }

    public String stagingPrefix() {
        return jobRoot + "/staging/";
    }

    public String stagedPartKey(long seq, String attempt) {
        return stagingPrefix() + String.format("%012d-%s.csv", seq, attempt);
    }
}
