package dev.s3batch.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** OSS V4's content hash: required, and the body's own (it was optional, and any value passed); its scope's region. */
class OssVerifierTests {
    final OssVerifier verifier = new OssVerifier(id -> Optional.of(new SignatureVerifier.Key("secret", new Principal("acme", null))),
            Duration.ofMinutes(15), java.util.Set.of("cn-hangzhou"));

    SignedRequest v4(String contentSha256, String body) {
        return v4(contentSha256, body, "cn-hangzhou");
    }

    SignedRequest v4(String contentSha256, String body, String region) {
        Instant now = Instant.now();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("authorization", List.of("OSS4-HMAC-SHA256 Credential=LTAIKEY/" + date.substring(0, 8)
                + "/" + region + "/oss/aliyun_v4_request,Signature=0000"));
        headers.put("x-oss-date", List.of(date));
        if (contentSha256 != null) {
            headers.put("x-oss-content-sha256", List.of(contentSha256));
        }
        return new SignedRequest("POST", "/", "batchJob", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theContentHashIsRequiredAndMustBeTheBodys() {
        String body = "<CreateJobRequest/>";
        ApiException other = assertThrows(ApiException.class, () -> verifier.verify(v4(Crypto.sha256Hex("<Other/>".getBytes(StandardCharsets.UTF_8)), body),
                Instant.now()));
        assertEquals(ApiError.BAD_DIGEST, other.error());
        assertEquals(ApiError.BAD_DIGEST, assertThrows(ApiException.class, () -> verifier.verify(v4("zzzz", body), Instant.now())).error());
        assertEquals(ApiError.ACCESS_DENIED, assertThrows(ApiException.class, () -> verifier.verify(v4(null, body), Instant.now())).error());
        // the body's own hash, or UNSIGNED-PAYLOAD, goes on to the signature check (which this made-up signature fails)
        for (String ok : new String[]{Crypto.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), "UNSIGNED-PAYLOAD"}) {
            assertEquals(ApiError.SIGNATURE_MISMATCH, assertThrows(ApiException.class, () -> verifier.verify(v4(ok, body), Instant.now())).error());
        }
    }

    @Test
    void theScopeMustNameAnAcceptedRegion() {
        String body = "<CreateJobRequest/>";
        String hash = Crypto.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(v4(hash, body, "eu-west-1"), Instant.now()));
        assertEquals(ApiError.ACCESS_DENIED, e.error());
        assertEquals(true, e.getMessage().contains("region"), e.getMessage());
    }
}
