package dev.s3batch.api;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs rest-assured requests with OSS signature V1, as ali-oss does (x-oss-date, resource {@code /?<sub-resource>}),
 * so the focused API tests reach the handlers. The server's verification itself is pinned against Alibaba's own SDK
 * in {@code OssSdkConformanceTest}.
 */
final class OssV1Signing implements Filter {
    static final String ACCESS_KEY = "LTAI5tEXAMPLEEXAMPLEEXAM";
    static final String SECRET_KEY = "EXAMPLEsecretEXAMPLEsecretEXAM";
    private final java.time.Duration clockOffset;

    OssV1Signing() {
        this(java.time.Duration.ZERO);
    }

    /** Signs as a client whose clock is {@code clockOffset} away from ours. */
    OssV1Signing(java.time.Duration clockOffset) {
        this.clockOffset = clockOffset;
    }

    /** The date of the last change signed: V1 covers no query, so two changes a second would share a signature. */
    private static String lastChangeDate = "";

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plus(clockOffset));
        if (!req.getMethod().equals("GET")) {
            synchronized (OssV1Signing.class) {
                while (date.equals(lastChangeDate)) { // the server refuses a V1 signature reused for another change
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plus(clockOffset));
                }
                lastChangeDate = date;
            }
        }
        req.header("x-oss-date", date);
        String query = URI.create(req.getURI()).getRawQuery();
        String resource = "/";
        for (String sub : List.of("batchJobPriority", "batchJobStatus", "batchJob")) {
            if (query != null && ("&" + query + "&").matches(".*&" + sub + "(=[^&]*)?&.*")) {
                resource = "/?" + sub;
                break;
            }
        }
        String contentType = req.getContentType() == null ? "" : req.getContentType();
        String md5 = req.getHeaders().getValue("Content-MD5");
        String toSign = req.getMethod() + "\n" + (md5 == null ? "" : md5) + "\n" + contentType + "\n" + date + "\nx-oss-date:" + date
                + "\n" + resource;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            req.header("Authorization", "OSS " + ACCESS_KEY + ":" + Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ctx.next(req, res);
    }
}
