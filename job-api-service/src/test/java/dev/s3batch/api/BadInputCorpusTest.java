package dev.s3batch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.qcloud.cos.auth.BasicCOSCredentials;
import com.qcloud.cos.auth.COSSigner;
import com.qcloud.cos.http.HttpMethodName;
import dev.s3batch.testkit.StackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The bad-input corpus: hundreds of hostile requests across the three dialects and every operation — malformed,
 * duplicated, oversized and entity-laden XML bodies, control characters, foreign digits and out-of-range numbers in
 * every parameter, bad job ids, unknown statuses and operations, forged and missing signatures. Every request is
 * signed as its dialect's clients sign (so it reaches the operation), except the signature cases. Each answer must be
 * a 4xx (501 for what is not built), never a 5xx, in the dialect's own error document (OSS {@code <Error>} with
 * {@code EC}, AWS {@code <ErrorResponse>}, COS {@code <Error>} with {@code TraceId}), with a code of the dialect and a
 * message that names no Java class.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class BadInputCorpusTest {
    static final XmlMapper XML = new XmlMapper();

    enum Dialect { OSS, AWS, COS }

    /** One hostile request; {@code expected} is the error code when one is certain, else null (any code of the dialect). */
    record Case(Dialect dialect, String name, String method, String path, List<Map.Entry<String, String>> query, String body,
            boolean signed, String expected) {
    }

    @TestHTTPResource("/")
    URL base;
    final HttpClient http = HttpClient.newHttpClient();

    /** Values no parameter of the API accepts. */
    static final List<String> HOSTILE = List.of("", " ", "%", "\u0000", "\u0001", "\u001b[31mred", "\u007f", "\u0085", "\u2028",
            "ab\ncd", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "A".repeat(3000),
            "\u0663", "+5", "-1", "1e3", "0x10", "2147483648", "99999999999999999999", "NaN", "null", "true");
    static final List<String> BAD_IDS = List.of("not-a-job", "00000000-0000-0000-0000-00000000000g", "0000000-0000-0000-0000-000000000001",
            UUID.randomUUID() + "x", "\u0001", "..", "%00", "A".repeat(300), "' OR 1=1 --", "\u0663");
    /** Statuses UpdateJobStatus refuses (it takes Ready or Cancelled, exactly). */
    static final List<String> BAD_STATUSES = List.of("cancelled", "CANCELLED", " Cancelled", "Cancelled\t", "Cancelled\u0000", "Ready%00",
            "Active", "Complete", "Paused", "Cancelled,Ready", "\u0001", "");
    /** Status filters ListJobs refuses (it takes any status, space around it tolerated as the OSS SDK sends "A | B"). */
    static final List<String> BAD_FILTERS = List.of("cancelled", "CANCELLED", "Cancelled\u0000", "Ready%00", "\u0001", "Nope", "Activ", "Active;Ready",
            "\u0663");

    static final String OSS_BODY = OssJobApiTest.job("tok-corpus");
    static final String AWS_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobRequest xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
            + "<ConfirmationRequired>true</ConfirmationRequired><Operation><S3PutObjectTagging><TagSet><member><Key>k1</Key><Value>v1</Value>"
            + "</member></TagSet></S3PutObjectTagging></Operation><Report><Bucket>arn:aws:s3:::report-bucket</Bucket><Format>Report_CSV_20180820"
            + "</Format><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report><ClientRequestToken>tok-corpus"
            + "</ClientRequestToken><Manifest><Spec><Format>S3BatchOperations_CSV_20180820</Format><Fields><member>Bucket</member><member>Key"
            + "</member></Fields></Spec><Location><ObjectArn>arn:aws:s3:::manifest-bucket/manifest.csv</ObjectArn><ETag>60e460c9d1046e73f7dde5043ac3ae85"
            + "</ETag></Location></Manifest><Description>tag objects</Description><Priority>10</Priority><RoleArn>arn:aws:iam::123456789012:role/batch-role"
            + "</RoleArn></CreateJobRequest>";
    /** The COS capture of api-dialects.md B.2, with COSPutObjectTagging as the operation. */
    static final String COS_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CreateJobRequest><ClientRequestToken>tok-corpus</ClientRequestToken>"
            + "<ConfirmationRequired>true</ConfirmationRequired><Description>tag objects</Description><Manifest><Location>"
            + "<ETag>60e460c9d1046e73f7dde5043ac3ae85</ETag><ObjectArn>qcs::cos:ap-guangzhou::srcbucket-1250000000/manifest.csv</ObjectArn>"
            + "</Location><Spec><Fields><member>Bucket</member><member>Key</member></Fields><Format>COSBatchOperations_CSV_V1</Format>"
            + "</Spec></Manifest><Operation><COSPutObjectTagging><TagSet><member><Key>k</Key><Value>v</Value></member></TagSet>"
            + "</COSPutObjectTagging></Operation><Priority>10</Priority><Report><Bucket>qcs::cos:ap-guangzhou::reportbucket-1250000000"
            + "</Bucket><Enabled>true</Enabled><Format>Report_CSV_V1</Format><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope>"
            + "</Report><RoleArn>qcs::cam::uin/100000000001:roleName/COSBatch_QcsRole</RoleArn></CreateJobRequest>";
    static final String COS_AK = "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE";
    static final String COS_SK = "EXAMPLESECRETKEYEXAMPLESECRETKEY";

    /** Mutations of a valid CreateJob body that make it invalid, each with the code it must get when certain. */
    static List<String[]> badBodies(String valid) {
        // every mutation must change the body (the seed bodies span lines: patterns use (?s))
        List<String[]> out = new ArrayList<>();
        String confirm = "<ConfirmationRequired>true</ConfirmationRequired>";
        String priority = "<Priority>10</Priority>";
        String root = valid.contains("<CreateJobRequest xmlns") ? valid.substring(valid.indexOf("<CreateJobRequest"), valid.indexOf('>', valid.indexOf("<CreateJobRequest")) + 1)
                : "<CreateJobRequest>";
        String[][] malformed = {
                {"empty", ""}, {"not xml", "not xml at all"}, {"unclosed", "<CreateJobRequest><Priority>"}, {"wrong root", valid.replace("CreateJobRequest", "DeleteEverything")},
                {"trailing element", valid + "<Second/>"}, {"trailing text", valid + "trailing"}, {"two roots", valid + valid},
                {"duplicated ConfirmationRequired", valid.replace(confirm, confirm + "<ConfirmationRequired>false</ConfirmationRequired>")},
                {"duplicated Priority", valid.replace(priority, priority + priority)},
                {"duplicated Operation", valid.replaceFirst("(?s)(<Operation>.*?</Operation>)", "$1$1")},
                {"duplicated Report", valid.replaceFirst("(?s)(<Report>.*?</Report>)", "$1$1")},
                {"duplicated ClientRequestToken", valid.replaceFirst("(?s)(<ClientRequestToken>.*?</ClientRequestToken>)", "$1$1")},
                {"external entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + valid.replaceFirst("<\\?xml[^>]*\\?>", "").replace("tag objects", "&x;").replace("Batch replace tags for specified objects", "&x;")},
                {"entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                        + valid.replaceFirst("<\\?xml[^>]*\\?>", "").replace(priority, "<Priority>&d;</Priority>")},
                {"xml 1.1 control character", valid.replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.1\" encoding=\"UTF-8\"?>")
                        .replaceFirst("<RoleArn>", "<RoleArn>&#1;")},
                {"character reference NUL", valid.replaceFirst("<RoleArn>", "<RoleArn>&#0;")},
                {"raw control character", valid.replaceFirst("<RoleArn>", "<RoleArn>\u0001")},
                {"deep nesting", root + "<a>".repeat(5000) + "</a>".repeat(5000) + "</CreateJobRequest>"},
        };
        for (String[] m : malformed) {
            out.add(new String[]{m[0], m[1], "MalformedXML"});
        }
        String[][] invalid = {
                {"priority +5", valid.replace(priority, "<Priority>+5</Priority>")}, {"priority arabic digit", valid.replace(priority, "<Priority>\u0663</Priority>")},
                {"priority overflow", valid.replace(priority, "<Priority>2147483648</Priority>")}, {"priority negative", valid.replace(priority, "<Priority>-1</Priority>")},
                {"priority empty", valid.replace(priority, "<Priority></Priority>")}, {"priority text", valid.replace(priority, "<Priority>high</Priority>")},
                {"priority missing", valid.replace(priority, "")}, {"role missing", valid.replaceFirst("(?s)<RoleArn>.*?</RoleArn>", "")},
                {"role garbage", valid.replaceFirst("(?s)<RoleArn>.*?</RoleArn>", "<RoleArn>' OR 1=1 --</RoleArn>")},
                {"role huge", valid.replaceFirst("(?s)<RoleArn>.*?</RoleArn>", "<RoleArn>" + "r".repeat(5000) + "</RoleArn>")},
                {"description huge", valid.replaceFirst("(?s)<Description>.*?</Description>", "<Description>" + "d".repeat(10_000) + "</Description>")},
                {"token too long", valid.replaceFirst("(?s)<ClientRequestToken>.*?</ClientRequestToken>", "<ClientRequestToken>" + "t".repeat(100) + "</ClientRequestToken>")},
                {"confirmation yes", valid.replace(confirm, "<ConfirmationRequired>yes</ConfirmationRequired>")},
                {"operation unknown", valid.replaceFirst("(?s)<Operation>.*?</Operation>", "<Operation><FormatDisk/></Operation>")},
                {"operation empty", valid.replaceFirst("(?s)<Operation>.*?</Operation>", "<Operation/>")},
                {"operation missing", valid.replaceFirst("(?s)<Operation>.*?</Operation>", "")},
                {"manifest missing", valid.replaceFirst("(?s)<Manifest>.*?</Manifest>", "")},
                {"manifest format unknown", valid.replaceFirst("<Format>[A-Za-z0-9_]*BatchOperations_CSV_[A-Za-z0-9]+</Format>", "<Format>Excel</Format>")},
                {"report missing", valid.replaceFirst("(?s)<Report>.*?</Report>", "")},
                {"report enabled maybe", valid.replace("<Enabled>true</Enabled>", "<Enabled>maybe</Enabled>")},
                {"report scope unknown", valid.replace("<ReportScope>AllTasks</ReportScope>", "<ReportScope>SomeTasks</ReportScope>")},
                {"tag key empty", valid.replaceFirst("<Key>[^<]*</Key>", "<Key></Key>")},
                {"tag key huge", valid.replaceFirst("<Key>[^<]*</Key>", "<Key>" + "k".repeat(200) + "</Key>")},
                {"tag value huge", valid.replaceFirst("<Value>[^<]*</Value>", "<Value>" + "v".repeat(300) + "</Value>")},
        };
        for (String[] m : invalid) {
            out.add(new String[]{m[0], m[1], null});
        }
        // restore's fields: a malformed number is the client's 400
        String restore = valid.contains("COSPutObjectTagging") ? "<COSInitiateRestoreObject><ExpirationInDays>%s</ExpirationInDays><JobTier>Standard</JobTier></COSInitiateRestoreObject>"
                : valid.contains("S3PutObjectTagging") ? "<S3InitiateRestoreObject><ExpirationInDays>%s</ExpirationInDays><GlacierJobTier>STANDARD</GlacierJobTier></S3InitiateRestoreObject>"
                : "<RestoreObject><Days>%s</Days><Tier>Standard</Tier></RestoreObject>";
        for (String days : List.of("+7", "\u0667", "7e0", "0x7", "-7", "99999999999")) { // (element text is trimmed: " 7" is 7)
            out.add(new String[]{"restore days '" + days + "'", valid.replaceFirst("(?s)<Operation>.*?</Operation>", "<Operation>" + restore.formatted(days) + "</Operation>"),
                    "InvalidArgument"});
        }
        for (String[] m : out) {
            if (m[1].equals(valid)) {
                throw new IllegalStateException("the mutation '" + m[0] + "' left the body as it was");
            }
        }
        return out;
    }

    static List<Map.Entry<String, String>> q(String... kv) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(Map.entry(kv[i], kv[i + 1] == null ? "" : kv[i + 1]));
        }
        return out;
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String someJob = UUID.randomUUID().toString();
        // OSS
        for (String[] b : badBodies(OSS_BODY)) {
            cases.add(new Case(Dialect.OSS, "CreateJob " + b[0], "POST", "/", q("batchJob", null), b[1], true, b[2]));
        }
        for (String id : BAD_IDS) {
            cases.add(new Case(Dialect.OSS, "DescribeJob id " + id, "GET", "/", q("batchJob", null, "batchJobId", id), null, true, null));
            cases.add(new Case(Dialect.OSS, "UpdateJobPriority id " + id, "POST", "/", q("batchJobPriority", null, "batchJobId", id, "targetPriority", "5"), null, true, null));
            cases.add(new Case(Dialect.OSS, "UpdateJobStatus id " + id, "POST", "/", q("batchJobStatus", null, "batchJobId", id, "requestedJobStatus", "Cancelled"), null, true, null));
        }
        for (String v : HOSTILE) {
            cases.add(new Case(Dialect.OSS, "UpdateJobPriority " + v, "POST", "/", q("batchJobPriority", null, "batchJobId", someJob, "targetPriority", v), null, true, null));
            if (!v.isEmpty()) { // an empty optional parameter is an absent one
                cases.add(new Case(Dialect.OSS, "ListJobs max-keys " + v, "GET", "/", q("batchJob", null, "max-keys", v), null, true, "InvalidArgument"));
            }
            if (!v.isEmpty() && !v.equals("2147483648")) { // 2147483648 s is a time in 2038
                cases.add(new Case(Dialect.OSS, "ListJobs creation-time-start " + v, "GET", "/", q("batchJob", null, "creation-time-start", v), null, true,
                        "InvalidArgument"));
            }
        }
        for (String s : BAD_STATUSES) {
            cases.add(new Case(Dialect.OSS, "UpdateJobStatus " + s, "POST", "/", q("batchJobStatus", null, "batchJobId", someJob, "requestedJobStatus", s), null, true, null));
        }
        for (String s : BAD_FILTERS) {
            cases.add(new Case(Dialect.OSS, "ListJobs status " + s, "GET", "/", q("batchJob", null, "batchJobStatuses", s), null, true, "InvalidArgument"));
        }
        cases.add(new Case(Dialect.OSS, "UpdateJobStatus reason control", "POST", "/", q("batchJobStatus", null, "batchJobId", someJob, "requestedJobStatus", "Cancelled",
                "statusUpdateReason", "bad\u0001reason"), null, true, "InvalidArgument"));
        cases.add(new Case(Dialect.OSS, "ListJobs unknown parameter", "GET", "/", q("batchJob", null, "drop-table", "1"), null, true, "InvalidArgument"));
        cases.add(new Case(Dialect.OSS, "ListJobs bad token", "GET", "/", q("batchJob", null, "continuation-token", "\u0001garbage"), null, true, null));
        cases.add(new Case(Dialect.OSS, "unknown operation", "POST", "/", q("batchJobDestroy", null), "", true, null));
        cases.add(new Case(Dialect.OSS, "no sub-resource", "GET", "/", q(), null, true, null));
        cases.add(new Case(Dialect.OSS, "unsigned", "GET", "/", q("batchJob", null), null, false, "AccessDenied"));
        // AWS and COS: the same operations under their paths
        for (Dialect d : List.of(Dialect.AWS, Dialect.COS)) {
            String jobs = d == Dialect.AWS ? "/v20180820/jobs" : "/jobs";
            for (String[] b : badBodies(d == Dialect.AWS ? AWS_BODY : COS_BODY)) {
                cases.add(new Case(d, "CreateJob " + b[0], "POST", jobs, q(), b[1], true, b[2] == null ? null : d == Dialect.AWS ? "BadRequestException" : b[2]));
            }
            for (String id : BAD_IDS) {
                if (id.equals("..")) {
                    continue; // a ".." path segment is resolved away (RFC 3986): /jobs/.. is /, which is OSS's
                }
                String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
                cases.add(new Case(d, "DescribeJob id " + id, "GET", jobs + "/" + segment, q(), null, true, null));
                cases.add(new Case(d, "UpdateJobPriority id " + id, "POST", jobs + "/" + segment + "/priority", q("priority", "5"), null, true, null));
                cases.add(new Case(d, "UpdateJobStatus id " + id, "POST", jobs + "/" + segment + "/status", q("requestedJobStatus", "Cancelled"), null, true, null));
                if (d == Dialect.AWS) {
                    cases.add(new Case(d, "GetJobTagging id " + id, "GET", jobs + "/" + segment + "/tagging", q(), null, true, null));
                    cases.add(new Case(d, "DeleteJobTagging id " + id, "DELETE", jobs + "/" + segment + "/tagging", q(), null, true, null));
                }
            }
            for (String v : HOSTILE) {
                cases.add(new Case(d, "UpdateJobPriority " + v, "POST", jobs + "/" + someJob + "/priority", q("priority", v), null, true, null));
                if (!v.isEmpty()) {
                    cases.add(new Case(d, "ListJobs maxResults " + v, "GET", jobs, q("maxResults", v), null, true, null));
                }
                cases.add(new Case(d, "UpdateJobStatus reason " + v.substring(0, Math.min(v.length(), 20)), "POST", jobs + "/" + someJob + "/status",
                        q("requestedJobStatus", "Cancelled", "statusUpdateReason", v + "\u0001"), null, true, null));
            }
            for (String s : BAD_STATUSES) {
                cases.add(new Case(d, "UpdateJobStatus " + s, "POST", jobs + "/" + someJob + "/status", q("requestedJobStatus", s), null, true, null));
            }
            for (String s : BAD_FILTERS) {
                cases.add(new Case(d, "ListJobs status " + s, "GET", jobs, q("jobStatuses", s), null, true, null));
            }
            cases.add(new Case(d, "ListJobs bad token", "GET", jobs, q("nextToken", "\u0001garbage"), null, true, null));
            cases.add(new Case(d, "unsigned", "GET", jobs, q(), null, false, "AccessDenied"));
            cases.add(new Case(d, "unknown path", "GET", jobs + "/" + someJob + "/explode", q(), null, true, null));
            cases.add(new Case(d, "wrong method", "PATCH", jobs, q(), "", true, null));
        }
        String tagging = "/v20180820/jobs/" + someJob + "/tagging";
        String tags = "<PutJobTaggingRequest xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\"><Tags><member><Key>k</Key><Value>v</Value></member></Tags></PutJobTaggingRequest>";
        String[][] badTags = {{"empty", ""}, {"not xml", "nope"}, {"wrong root", tags.replace("PutJobTaggingRequest", "Other")},
                {"trailing", tags + "<x/>"}, {"duplicated Tags", tags.replaceFirst("(<Tags>.*?</Tags>)", "$1$1")},
                {"control character", tags.replace("<Key>k</Key>", "<Key>k&#1;</Key>")}, {"xml 1.1", "<?xml version=\"1.1\"?>" + tags.replace("<Key>k</Key>", "<Key>k&#1;</Key>")},
                {"key empty", tags.replace("<Key>k</Key>", "<Key></Key>")}, {"key huge", tags.replace("<Key>k</Key>", "<Key>" + "k".repeat(200) + "</Key>")},
                {"too many", tags.replace("</Tags>", "<member><Key>a</Key><Value>v</Value></member>".repeat(60) + "</Tags>")},
                {"missing Tags", tags.replaceFirst("<Tags>.*</Tags>", "")}};
        for (String[] b : badTags) {
            cases.add(new Case(Dialect.AWS, "PutJobTagging " + b[0], "PUT", tagging, q(), b[1], true, null));
        }
        return cases;
    }

    @Test
    void everyBadInputGetsItsDialectsOwnErrorAndNeverA5xx() throws Exception {
        List<Case> cases = corpus();
        assertTrue(cases.size() >= 300, "the corpus has " + cases.size() + " cases");
        System.out.println("bad-input corpus: " + cases.size() + " cases");
        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> r = send(c);
            problem(c, r).ifPresent(p -> problems.add(c.dialect() + " " + c.name().replaceAll("\\p{Cntrl}", "?") + ": " + p));
        }
        problems.forEach(p -> System.out.println("corpus: " + p.substring(0, Math.min(p.length(), 400))));
        assertEquals(List.of(), problems.stream().limit(30).toList(), problems.size() + " of " + cases.size() + " cases answered wrongly");
    }

    /** What is wrong with an answer, if anything. */
    static Optional<String> problem(Case c, HttpResponse<String> r) {
        int s = r.statusCode();
        if (!(s >= 400 && s < 500 || s == 501)) {
            return Optional.of("status " + s + " " + r.body());
        }
        JsonNode doc;
        try {
            doc = XML.readTree(r.body());
        } catch (Exception e) {
            return Optional.of("not an XML document: " + r.body());
        }
        boolean awsShape = r.body().contains("<ErrorResponse>");
        String code = awsShape ? doc.path("Error").path("Code").asText() : doc.path("Code").asText();
        String message = awsShape ? doc.path("Error").path("Message").asText() : doc.path("Message").asText();
        String requestId = doc.path("RequestId").asText();
        switch (c.dialect()) {
            case OSS -> {
                if (awsShape || !doc.has("EC")) {
                    return Optional.of("not the OSS document: " + r.body());
                }
            }
            case AWS -> {
                if (!awsShape) {
                    return Optional.of("not the S3 Control document: " + r.body());
                }
            }
            case COS -> {
                if (awsShape || !doc.has("TraceId")) {
                    return Optional.of("not the COS document: " + r.body());
                }
            }
        }
        if (!code.matches("[A-Za-z]+") || requestId.isEmpty()) {
            return Optional.of("no code or request id: " + r.body());
        }
        if (c.expected() != null && !c.expected().equals(code)) {
            return Optional.of("code " + code + ", expected " + c.expected() + ": " + message);
        }
        if (message.matches("(?s).*\\b(java|javax|io\\.vertx|org\\.jboss|com\\.fasterxml)\\.[a-z].*") || message.matches("(?s).*[A-Za-z]+Exception\\b.*")) {
            return Optional.of("a Java name in the message: " + message);
        }
        return Optional.empty();
    }

    HttpResponse<String> send(Case c) throws Exception {
        String body = c.body() == null ? "" : c.body();
        String query = c.query().stream().map(e -> enc(e.getKey()) + (e.getValue().isEmpty() && c.dialect() == Dialect.OSS ? "" : "=" + enc(e.getValue())))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base.toString().replaceAll("/$", "") + c.path() + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(c.method(), HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/xml");
        }
        if (c.signed()) {
            switch (c.dialect()) {
                case OSS -> signOss(b, c, body);
                case AWS -> signAws(b, uri, c, body);
                case COS -> signCos(b, c, body);
            }
        } else if (c.dialect() != Dialect.OSS) {
            b.header(c.dialect() == Dialect.AWS ? "x-amz-account-id" : "x-cos-appid", c.dialect() == Dialect.AWS ? "123456789012" : "1250000000");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** OSS V1 as ali-oss signs it (resource {@code /?<sub-resource>}), with a unique signed x-oss-* header. */
    static void signOss(HttpRequest.Builder b, Case c, String body) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String nonce = UUID.randomUUID().toString();
        String resource = c.query().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("batchJob") && !k.equals("batchJobId")
                && !k.equals("batchJobStatuses") && !k.equals("batchJobDestroy")).findFirst().map(k -> "/?" + k).orElse("/");
        String toSign = c.method() + "\n\n" + (body.isEmpty() ? "" : "application/xml") + "\n" + date + "\nx-oss-date:" + date
                + "\nx-oss-request-nonce:" + nonce + "\n" + resource;
        b.header("x-oss-date", date).header("x-oss-request-nonce", nonce).header("Authorization", OssV1Signing.authorization(toSign));
    }

    /** SigV4 by the AWS SDK's own signer, over the exact URI sent. */
    static void signAws(HttpRequest.Builder b, URI uri, Case c, String body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(c.method()))
                .putHeader("x-amz-account-id", "123456789012");
        if (!body.isEmpty()) {
            request.putHeader("Content-Type", "application/xml");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .request(request.build()).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> b.header(name, v));
            }
        });
    }

    /** COS q-sign by Tencent's own signer, every query parameter signed. */
    void signCos(HttpRequest.Builder b, Case c, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", base.getHost() + ":" + base.getPort());
        headers.put("x-cos-appid", "1250000000");
        Map<String, String> params = new LinkedHashMap<>();
        c.query().forEach(e -> params.put(e.getKey(), e.getValue()));
        Date start = new Date();
        String auth = new COSSigner().buildAuthorizationStr(HttpMethodName.valueOf(c.method().equals("PATCH") ? "POST" : c.method()), c.path(), headers, params,
                new BasicCOSCredentials(COS_AK, COS_SK),
                start, new Date(start.getTime() + 900_000), true);
        b.header("Authorization", auth).header("x-cos-appid", "1250000000");
    }
}
