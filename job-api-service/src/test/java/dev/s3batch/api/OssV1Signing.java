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

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plus(clockOffset));
        // V1 covers no query: a unique x-oss-* header (signed, like every x-oss-* header) keeps two requests signed in
        // the same second from sharing a signature, which the server would refuse for the second
        String nonce = java.util.UUID.randomUUID().toString();
        req.header("x-oss-date", date);
        req.header("x-oss-request-nonce", nonce);
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
                + "\nx-oss-request-nonce:" + nonce + "\n" + resource;
        req.header("Authorization", authorization(toSign));
        return ctx.next(req, res);
    }

    /** {@code OSS <ak>:<base64 HMAC-SHA1 of the string to sign>} with the test account's key. */
    static String authorization(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return "OSS " + ACCESS_KEY + ":" + Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
