package dev.s3batch.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal client of s3batch's OSS batch-job API, as the demo and the end-to-end tests use it. Requests are signed
 * with OSS signature V1 (canonical resource {@code /?<sub-resource>}, as the OSS SDKs sign batch-job calls).
 */
public final class OssJobClient {
    private static final XmlMapper XML = new XmlMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String accessKey;
    private final String secretKey;

    public OssJobClient(String baseUrl, String accessKey, String secretKey) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** The HTTP status and body of a request. */
    public record Reply(int status, String body) {
        public JsonNode xml() {
            try {
                return XML.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not XML: " + body, e);
            }
        }

        /** The Code of an error document. */
        public String errorCode() {
            return xml().path("Code").asText();
        }
    }

    public Reply createJob(String xml) {
        return send("POST", "batchJob", "/?batchJob", "application/xml", HttpRequest.BodyPublishers.ofString(xml));
    }

    public Reply describeJob(String jobId) {
        return send("GET", "batchJob", "/?batchJob&batchJobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8), null, null);
    }

    public Reply updateJobStatus(String jobId, String requested, String reason) {
        return send("POST", "batchJobStatus", "/?batchJobStatus&batchJobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8)
                + "&requestedJobStatus=" + requested
                + (reason == null ? "" : "&statusUpdateReason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20")), null, null);
    }

    public Reply updateJobPriority(String jobId, int priority) {
        return send("POST", "batchJobPriority", "/?batchJobPriority&batchJobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8)
                + "&targetPriority=" + priority, null, null);
    }

    /** ListJobs with extra query parameters, e.g. {@code "&max-keys=10"} (already encoded). */
    public Reply listJobs(String query) {
        return send("GET", "batchJob", "/?batchJob" + query, null, null);
    }

    /** Creates a job and returns its id; fails on any error reply. */
    public String create(String xml) {
        Reply r = createJob(xml);
        if (r.status() != 200) {
            throw new IllegalStateException("CreateJob failed: " + r.status() + " " + r.body());
        }
        return r.xml().path("JobId").asText();
    }

    /** DescribeJob's {@code Job} element. */
    public JsonNode describe(String jobId) {
        Reply r = describeJob(jobId);
        if (r.status() != 200) {
            throw new IllegalStateException("DescribeJob failed: " + r.status() + " " + r.body());
        }
        return r.xml().path("Job");
    }

    /** Polls DescribeJob until the job is Complete, Failed or Cancelled; calls {@code progress} at each poll. */
    public JsonNode awaitTerminal(String jobId, Duration timeout, java.util.function.Consumer<JsonNode> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = describe(jobId);
            progress.accept(job);
            String status = job.path("Status").asText();
            if (status.equals("Complete") || status.equals("Failed") || status.equals("Cancelled")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + status + " after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** Succeeded plus failed tasks of a DescribeJob {@code Job}. */
    public static long counted(JsonNode job) {
        JsonNode p = job.path("ProgressSummary");
        return p.path("NumberOfTasksSucceeded").asLong() + p.path("NumberOfTasksFailed").asLong();
    }

    /** Polls DescribeJob until at least {@code atLeast} tasks are counted, the job has ended, or {@code timeout}; the last Job. */
    public JsonNode awaitCounted(String jobId, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = describe(jobId);
            if (counted(job) >= atLeast || job.path("Status").asText().matches("Complete|Failed|Cancelled") || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(20);
        }
    }

    /** Sends a request signed with OSS V1: HMAC-SHA1 over verb, Content-MD5, Content-Type, date, x-oss-* headers and {@code /?<subResource>}. */
    private Reply send(String method, String subResource, String pathAndQuery, String contentType, HttpRequest.BodyPublisher body) {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        // with no Date header the date is x-oss-date's, which as an x-oss-* header is signed again (as ali-oss does);
        // a unique x-oss-* header makes each signature unique: V1 covers no query, and the server refuses one signature
        // (the same second, the same sub-resource) used for two different changes
        String nonce = java.util.UUID.randomUUID().toString();
        String toSign = method + "\n\n" + (contentType == null ? "" : contentType) + "\n" + date + "\nx-oss-date:" + date
                + "\nx-oss-request-nonce:" + nonce + "\n/?" + subResource;
        String signature;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "OSS " + accessKey + ":" + signature)
                .header("x-oss-date", date)
                .header("x-oss-request-nonce", nonce)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the API at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An OSS CreateJob body for a PutObjectTagging job over a CSV manifest, as the seed documents show it. */
    public static String taggingJob(String token, String manifestBucket, String manifestKey, String etag, String reportBucket,
            String reportPrefix, String reportScope, String... keyValues) {
        return job(token, "<PutObjectTagging>" + tagSet(keyValues) + "</PutObjectTagging>", manifestBucket, manifestKey, etag, reportBucket,
                reportPrefix, reportScope);
    }

    /** {@code <TagSet>} of the given keys and values. */
    public static String tagSet(String... keyValues) {
        StringBuilder tags = new StringBuilder("<TagSet>");
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.append("<Tag><Key>").append(keyValues[i]).append("</Key><Value>").append(keyValues[i + 1]).append("</Value></Tag>");
        }
        return tags.append("</TagSet>").toString();
    }

    /** An OSS CreateJob body running {@code operation} (the element inside {@code <Operation>}) over a CSV manifest. */
    public static String job(String token, String operation, String manifestBucket, String manifestKey, String etag, String reportBucket,
            String reportPrefix, String reportScope) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <CreateJobRequest>
                  <ConfirmationRequired>false</ConfirmationRequired>
                  <Operation>%s</Operation>
                  <Report><Bucket>%s</Bucket><Enabled>true</Enabled><Prefix>%s</Prefix><ReportScope>%s</ReportScope></Report>
                  <ClientRequestToken>%s</ClientRequestToken>
                  <Manifest>
                    <Location>%s<Bucket>%s</Bucket><Object>%s</Object></Location>
                    <Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec>
                  </Manifest>
                  <Description>s3batch job</Description>
                  <Priority>10</Priority>
                  <RoleArn>acs:ram::1234567890123456:role/batch-role</RoleArn>
                </CreateJobRequest>
                """.formatted(operation, reportBucket, reportPrefix, reportScope, token,
                etag == null ? "" : "<ETag>" + etag + "</ETag>", manifestBucket, manifestKey);
    }
}
