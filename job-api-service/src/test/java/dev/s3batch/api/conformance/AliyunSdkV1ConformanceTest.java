package dev.s3batch.api.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.common.comm.RequestMessage;
import com.aliyun.oss.internal.SignUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Alibaba's {@code aliyun-sdk-oss} 3.x V1 signer ({@code SignUtils.buildSignature}, what its client signs every request
 * with): its canonical resource holds only the query parameters it knows as sub-resources — none of the batch ones, but
 * {@code continuation-token} — so page 2 of ListJobs is signed over {@code /?continuation-token=…}. Every page must verify.
 */
@QuarkusTest
@QuarkusTestResource(StackTestResource.class)
class AliyunSdkV1ConformanceTest {
    static final XmlMapper XML = new XmlMapper();
    static final String AK = "LTAIPAGERPAGERPAGER1";
    static final String SK = "pager-oss-secret-key";
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    HttpResponse<String> send(String method, Map<String, String> parameters, String body) throws Exception {
        RequestMessage message = new RequestMessage(null, null);
        message.setParameters(new LinkedHashMap<>(parameters));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        message.addHeader("Date", date);
        if (body != null) {
            message.addHeader("Content-Type", "application/xml");
        }
        String signature = SignUtils.buildSignature(SK, method, "/", message);
        String query = parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + (e.getValue() == null ? "" : "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/?" + query))
                .header("Date", date).header("Authorization", SignUtils.composeRequestAuthorization(AK, signature))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/xml");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listJobsPagesThroughEveryJobWithTheV1Signer() throws Exception {
        Set<String> created = new LinkedHashSet<>();
        for (int i = 0; i < 5; i++) {
            Map<String, String> create = new LinkedHashMap<>();
            create.put("batchJob", null);
            HttpResponse<String> r = send("POST", create, OssSdkConformanceTest.createBody("pager-" + UUID.randomUUID())
                    .replace("acs:ram::1234567890123456:role/batch-role", "acs:ram::3333333333333333:role/batch-role"));
            assertEquals(200, r.statusCode(), r.body());
            created.add(XML.readTree(r.body()).path("JobId").asText());
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> list = new LinkedHashMap<>();
            list.put("batchJob", null);
            list.put("max-keys", "2");
            if (token != null) {
                list.put("continuation-token", token);
            }
            HttpResponse<String> r = send("GET", list, null);
            assertEquals(200, r.statusCode(), "page " + (pages + 1) + ": " + r.body());
            JsonNode page = XML.readTree(r.body());
            JsonNode jobs = page.path("Jobs").path("JobListDescriptor");
            if (jobs.isArray()) {
                jobs.forEach(j -> listed.add(j.path("JobId").asText()));
            } else if (jobs.isObject()) {
                listed.add(jobs.path("JobId").asText());
            }
            token = page.path("NextToken").asText("");
            pages++;
        } while (!token.isEmpty() && pages < 10);
        assertTrue(pages >= 3, "paged: " + pages);
        // newest first: the five jobs just created lead the list (earlier runs' jobs of this account may follow)
        assertEquals(created, new LinkedHashSet<>(listed.subList(0, 5)));
        assertEquals(listed.size(), new LinkedHashSet<>(listed).size(), "no job listed twice");
    }
}
