package dev.s3batch.api.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * AWS Signature Version 4 as S3 Control clients sign (service {@code s3}): exactly the request's own
 * {@code SignedHeaders}, the path as sent, the payload hash checked against the body. See api-dialects.md A.5.
 */
final class SigV4Verifier extends SignatureVerifier {
    static final String SCHEME = "AWS4-HMAC-SHA256 ";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final java.util.Set<String> regions;

    /** {@code regions}: the credential scope regions accepted (s3batch answers for these). */
    SigV4Verifier(Function<String, Optional<Key>> keys, Duration skew, java.util.Set<String> regions) {
        super(keys, skew);
        this.regions = regions;
    }

    @Override
    Verified verify(SignedRequest r, Instant now) {
        Map<String, String> auth = params(r.header("authorization").substring(SCHEME.length()), ",");
        String credential = auth.get("Credential");
        String signedHeaders = auth.get("SignedHeaders");
        String signature = auth.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("Credential, SignedHeaders and Signature are required");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw malformed("Credential must be <key>/<date>/<region>/<service>/aws4_request");
        }
        if (!scope[3].equals("s3")) {
            throw malformed("the credential scope's service must be s3");
        }
        if (!regions.contains(scope[2])) {
            throw malformed("the credential scope's region must be one of " + new java.util.TreeSet<>(regions));
        }
        List<String> signed = List.of(signedHeaders.split(";"));
        if (!signed.contains("host") || (r.header("x-amz-account-id") != null && !signed.contains("x-amz-account-id"))) {
            throw malformed("SignedHeaders must include host and x-amz-account-id");
        }
        Key key = key(scope[0]);
        String amzDate = r.header("x-amz-date");
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NullPointerException e) {
            throw malformed("X-Amz-Date is missing or not yyyyMMddTHHmmssZ");
        }
        withinSkew(signedAt, now);
        if (!amzDate.startsWith(scope[1])) {
            throw mismatch();
        }
        String payloadHash = r.header("x-amz-content-sha256");
        if (payloadHash == null) {
            payloadHash = Crypto.sha256Hex(r.body());
        } else if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(Crypto.sha256Hex(r.body()))) {
            throw mismatch();
        }
        List<String> names = List.of(signedHeaders.split(";"));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : names) {
            List<String> values = r.headers().get(name);
            if (values == null) {
                throw mismatch();
            }
            canonicalHeaders.append(name).append(':')
                    .append(values.stream().map(v -> v.trim().replaceAll(" +", " ")).collect(Collectors.joining(","))).append('\n');
        }
        List<String[]> query = new ArrayList<>(r.query());
        query.sort(Comparator.<String[], String>comparing(p -> Crypto.rfc3986(p[0], false)).thenComparing(p -> Crypto.rfc3986(p[1], false)));
        String canonicalQuery = query.stream().map(p -> Crypto.rfc3986(p[0], false) + "=" + Crypto.rfc3986(p[1], false))
                .collect(Collectors.joining("&"));
        String canonicalRequest = r.method() + "\n" + r.rawPath() + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + payloadHash;
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + String.join("/", scope[1], scope[2], scope[3], scope[4]) + "\n"
                + Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] k = Crypto.hmacSha256(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), scope[1]);
        k = Crypto.hmacSha256(k, scope[2]);
        k = Crypto.hmacSha256(k, scope[3]);
        k = Crypto.hmacSha256(k, "aws4_request");
        if (!Crypto.same(Crypto.hex(Crypto.hmacSha256(k, stringToSign)), signature)) {
            throw mismatch();
        }
        return verified(key, r, signedAt.plus(skew));
    }
}
