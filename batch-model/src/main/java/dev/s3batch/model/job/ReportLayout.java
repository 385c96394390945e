package dev.s3batch.model.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where a job's report goes, by the format the job asked for:
 * <ul>
 * <li>OSS: {@code <Prefix>/<JobId>/results/manifest.json} and {@code results/report-<n>.csv};</li>
 * <li>AWS and COS: {@code <Prefix>/job-<JobId>/manifest.json} and {@code results/<sha1>.csv}.</li>
 * </ul>
 * Result lines are staged per batch under {@code <job root>/staging/} until the job ends.
 */
public record ReportLayout(ReportFormat format, String bucket, String jobRoot, UUID jobId) {

    public static ReportLayout of(ReportSpec report, UUID jobId) {
        String prefix = report.prefix() == null ? "" : report.prefix().replaceAll("^/+|/+$", "");
        String job = report.format().awsLayout() ? "job-" + jobId : jobId.toString();
        return new ReportLayout(report.format(), report.bucket(), (prefix.isEmpty() ? "" : prefix + "/") + job, jobId);
    }

    public String manifestKey() {
        return format.awsLayout() ? jobRoot + "/manifest.json" : jobRoot + "/results/manifest.json";
    }

    public String reportFileKey(int n) {
        if (format.awsLayout()) {
            return jobRoot + "/results/" + sha1(jobId + ":" + n) + ".csv";
        }
        return jobRoot + "/results/report-" + n + ".csv";
    }

    public String stagingPrefix() {
        return jobRoot + "/staging/";
    }

    public String stagedPartKey(long seq, String attempt) {
        return stagingPrefix() + String.format("%012d-%s.csv", seq, attempt);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
