package dev.s3batch.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A completion report read back from S3: its manifest.json and the rows of all its CSV files. */
public record JobReport(String manifestKey, JsonNode manifest, List<String> succeededRows, List<String> failedRows) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the OSS-layout report {@code <prefix>/<jobId>/results/manifest.json} and every file it lists. */
    public static JobReport read(S3Fixtures s3, String bucket, String prefix, String jobId) throws Exception {
        String p = prefix.replaceAll("^/+|/+$", "");
        return read(s3, bucket, (p.isEmpty() ? "" : p + "/") + jobId + "/results/manifest.json");
    }

    /** Reads the AWS- and COS-layout report {@code <prefix>/job-<jobId>/manifest.json} and every file it lists. */
    public static JobReport readControl(S3Fixtures s3, String bucket, String prefix, String jobId) throws Exception {
        String p = prefix.replaceAll("^/+|/+$", "");
        return read(s3, bucket, (p.isEmpty() ? "" : p + "/") + "job-" + jobId + "/manifest.json");
    }

    private static JobReport read(S3Fixtures s3, String bucket, String manifestKey) throws Exception {
        JsonNode manifest = JSON.readTree(s3.getText(bucket, manifestKey));
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (JsonNode file : manifest.path("Results")) {
            List<String> rows = s3.getText(file.path("Bucket").asText(), file.path("Key").asText()).lines().toList();
            (file.path("TaskExecutionStatus").asText().equals("succeeded") ? ok : failed).addAll(rows);
        }
        return new JobReport(manifestKey, manifest, ok, failed);
    }

    public int rows() {
        return succeededRows.size() + failedRows.size();
    }
}
