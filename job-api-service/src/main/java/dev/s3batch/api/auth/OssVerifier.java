package dev.s3batch.api.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Alibaba OSS signatures, V1 ({@code OSS ak:sig}) and V4 ({@code OSS4-HMAC-SHA256}), as api-dialects.md C.3 describes
 * them. V1 is accepted with each canonical resource real clients sign: {@code /?<batch sub-resource>} (alibabacloud-oss-v2
 * with sub-resource metadata), {@code /} (without it), and {@code /?<signed parameters>} — every query parameter that an
 * Alibaba SDK treats as a sub-resource, sorted, as {@code key=value} — with and without the batch sub-resources
 * (aliyun-sdk-oss 3.x and ali-oss sign {@code /?continuation-token=…} on ListJobs pages after the first).
 */
final class OssVerifier extends SignatureVerifier {
    static final String V1 = "OSS ";
    static final String V4 = "OSS4-HMAC-SHA256 ";
    private static final Set<String> SUB_RESOURCES = Set.of("batchJob", "batchJobPriority", "batchJobStatus");
    /** Query parameters of the batch-job API that Alibaba's V1 signers put in the canonical resource. */
    private static final Set<String> SIGNED_PARAMETERS = Set.of("continuation-token");
    private static final DateTimeFormatter ISO_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Set<String> regions;

    /** {@code regions}: the V4 credential scope regions accepted (V1 names no region). */
    OssVerifier(Function<String, Optional<Key>> keys, Duration skew, Set<String> regions) {
        super(keys, skew);
        this.regions = regions;
    }

    @Override
    Verified verify(SignedRequest r, Instant now) {
        String auth = r.header("authorization");
        return auth.startsWith(V4) ? v4(r, auth.substring(V4.length()), now) : v1(r, auth.substring(V1.length()), now);
    }

    private Verified v1(SignedRequest r, String credentials, Instant now) {
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0) {
            throw malformed("expected OSS <AccessKeyId>:<Signature>");
        }
        Key key = key(credentials.substring(0, colon).trim());
        String signature = credentials.substring(colon + 1).trim();
        String date = r.header("date") != null ? r.header("date") : r.header("x-oss-date");
        Instant signedAt;
        try {
            signedAt = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw malformed("Date (or x-oss-date) is missing or not an RFC 1123 date");
        }
        withinSkew(signedAt, now);
        StringBuilder ossHeaders = new StringBuilder();
        new TreeMap<>(r.headers()).forEach((name, values) -> {
            if (name.startsWith("x-oss-")) {
                ossHeaders.append(name).append(':').append(values.get(0).trim()).append('\n');
            }
        });
        String prefix = r.method() + "\n" + nullToEmpty(r.header("content-md5")) + "\n" + nullToEmpty(r.header("content-type")) + "\n"
                + date + "\n" + ossHeaders;
        List<String> resources = new ArrayList<>();
        r.query().stream().map(p -> p[0]).filter(SUB_RESOURCES::contains).findFirst().ifPresent(sub -> resources.add("/?" + sub));
        resources.add("/");
        signedResource(r, SIGNED_PARAMETERS::contains).ifPresent(resources::add);
        signedResource(r, k -> SIGNED_PARAMETERS.contains(k) || SUB_RESOURCES.contains(k)).ifPresent(resources::add);
        for (String resource : resources) {
            String expected = Base64.getEncoder().encodeToString(Crypto.hmac("HmacSHA1", key.secret().getBytes(StandardCharsets.UTF_8), prefix + resource));
            if (Crypto.same(expected, signature)) {
                return verified(key, r, signedAt.plus(skew));
            }
        }
        throw mismatch();
    }

    private Verified v4(SignedRequest r, String text, Instant now) {
        Map<String, String> auth = params(text, ",");
        String credential = auth.get("Credential");
        String signature = auth.get("Signature");
        if (credential == null || signature == null) {
            throw malformed("Credential and Signature are required");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[3].equals("oss") || !scope[4].equals("aliyun_v4_request")) {
            throw malformed("Credential must be <key>/<date>/<region>/oss/aliyun_v4_request");
        }
        if (!regions.contains(scope[2])) {
            throw malformed("the credential scope's region must be one of " + new java.util.TreeSet<>(regions));
        }
        Key key = key(scope[0]);
        String ossDate = r.header("x-oss-date");
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(ossDate, ISO_BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NullPointerException e) {
            throw malformed("x-oss-date is missing or not yyyyMMddTHHmmssZ");
        }
        withinSkew(signedAt, now);
        if (!ossDate.startsWith(scope[1])) {
            throw mismatch(); // the scope's date is the day of x-oss-date
        }
        List<String> additional = auth.containsKey("AdditionalHeaders")
                ? List.of(auth.get("AdditionalHeaders").toLowerCase(Locale.ROOT).split(";")) : List.of();
        TreeMap<String, String> signed = new TreeMap<>();
        r.headers().forEach((name, values) -> {
            if (name.equals("content-type") || name.equals("content-md5") || name.startsWith("x-oss-") || additional.contains(name)) {
                signed.put(name, values.get(0).trim());
            }
        });
        String canonicalHeaders = signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        List<String[]> query = new ArrayList<>(r.query());
        query.sort(Comparator.comparing(p -> Crypto.rfc3986(p[0], false)));
        String canonicalQuery = query.stream()
                .map(p -> Crypto.rfc3986(p[0], false) + (p[1].isEmpty() ? "" : "=" + Crypto.rfc3986(p[1], false)))
                .collect(Collectors.joining("&"));
        String payload = r.header("x-oss-content-sha256");
        if (payload == null) {
            throw malformed("x-oss-content-sha256 is required with OSS4-HMAC-SHA256");
        }
        if (!payload.equals("UNSIGNED-PAYLOAD") && !payload.equals(Crypto.sha256Hex(r.body()))) {
            throw new dev.s3batch.api.dialect.ApiException(dev.s3batch.api.dialect.ApiError.BAD_DIGEST,
                    "The x-oss-content-sha256 you specified is not the SHA-256 of the body received.");
        }
        String canonicalRequest = r.method() + "\n" + Crypto.rfc3986(r.rawPath(), true) + "\n" + canonicalQuery + "\n" + canonicalHeaders
                + "\n" + additional.stream().sorted().collect(Collectors.joining(";")) + "\n" + payload;
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = "OSS4-HMAC-SHA256\n" + ossDate + "\n" + scopeText + "\n"
                + Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] k = Crypto.hmacSha256(("aliyun_v4" + key.secret()).getBytes(StandardCharsets.UTF_8), scope[1]);
        k = Crypto.hmacSha256(k, scope[2]);
        k = Crypto.hmacSha256(k, "oss");
        k = Crypto.hmacSha256(k, "aliyun_v4_request");
        if (!Crypto.same(Crypto.hex(Crypto.hmacSha256(k, stringToSign)), signature)) {
            throw mismatch();
        }
        return verified(key, r, signedAt.plus(skew));
    }

    /** {@code /?k1=v1&k2} over the query parameters {@code signed} picks, sorted by name; empty when there are none. */
    private static Optional<String> signedResource(SignedRequest r, java.util.function.Predicate<String> signed) {
        TreeMap<String, String> params = new TreeMap<>();
        r.query().stream().filter(p -> signed.test(p[0])).forEach(p -> params.putIfAbsent(p[0], p[1]));
        if (params.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("/?" + params.entrySet().stream().map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&")));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
