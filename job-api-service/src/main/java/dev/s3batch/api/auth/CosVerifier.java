package dev.s3batch.api.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tencent COS q-sign: HMAC-SHA1 over the method, path, and exactly the parameters and headers the request lists in
 * {@code q-url-param-list} (which must name every query parameter the request carries) and {@code q-header-list};
 * valid within {@code q-sign-time} (widened by the clock skew), a window of at most {@code cos-max-sign-window}.
 * See api-dialects.md B.3.
 */
final class CosVerifier extends SignatureVerifier {
    static final String SCHEME = "q-sign-algorithm=";

    private final Duration maxWindow;

    CosVerifier(Function<String, Optional<Key>> keys, Duration skew, Duration maxWindow) {
        super(keys, skew);
        this.maxWindow = maxWindow;
    }

    @Override
    Verified verify(SignedRequest r, Instant now) {
        Map<String, String> auth = params(r.header("authorization"), "&");
        if (!"sha1".equals(auth.get("q-sign-algorithm")) || auth.get("q-ak") == null || auth.get("q-sign-time") == null
                || auth.get("q-key-time") == null || auth.get("q-signature") == null) {
            throw malformed("q-sign-algorithm=sha1, q-ak, q-sign-time, q-key-time and q-signature are required");
        }
        Key key = key(auth.get("q-ak"));
        String[] window = auth.get("q-sign-time").split(";");
        long start;
        long end;
        try {
            if (window.length != 2 || !window[0].matches("[0-9]{1,12}") || !window[1].matches("[0-9]{1,12}")) {
                throw new NumberFormatException();
            }
            start = Long.parseLong(window[0]);
            end = Long.parseLong(window[1]);
        } catch (NumberFormatException e) {
            throw malformed("q-sign-time must be <start>;<end> in epoch seconds");
        }
        if (start > end || end - start > maxWindow.toSeconds()) {
            throw malformed("q-sign-time must be a window of at most " + maxWindow.toSeconds() + " seconds, start before end");
        }
        if (now.isBefore(Instant.ofEpochSecond(start).minus(skew)) || now.isAfter(Instant.ofEpochSecond(end).plus(skew))) {
            throw new dev.s3batch.api.dialect.ApiException(dev.s3batch.api.dialect.ApiError.REQUEST_TIME_SKEWED,
                    "The request is outside its q-sign-time validity window.");
        }
        Map<String, String> query = new java.util.HashMap<>();
        r.query().forEach(p -> query.putIfAbsent(p[0].toLowerCase(Locale.ROOT), p[1]));
        // every parameter the request carries must be signed: an unsigned one (a priority, a status) could be changed
        if (!list(auth.get("q-url-param-list")).containsAll(query.keySet())) {
            throw malformed("q-url-param-list must name every query parameter of the request");
        }
        String params = list(auth.get("q-url-param-list")).stream()
                .map(n -> encode(n) + "=" + encode(query.getOrDefault(n, "").trim())).collect(Collectors.joining("&"));
        String headers = list(auth.get("q-header-list")).stream()
                .map(n -> encode(n) + "=" + encode(r.header(n) == null ? "" : r.header(n).trim())).collect(Collectors.joining("&"));
        String httpString = r.method().toLowerCase(Locale.ROOT) + "\n" + r.rawPath() + "\n" + params + "\n" + headers + "\n";
        String stringToSign = "sha1\n" + auth.get("q-sign-time") + "\n" + Crypto.sha1Hex(httpString) + "\n";
        String signKey = Crypto.hex(Crypto.hmac("HmacSHA1", key.secret().getBytes(StandardCharsets.UTF_8), auth.get("q-key-time")));
        String expected = Crypto.hex(Crypto.hmac("HmacSHA1", signKey.getBytes(StandardCharsets.UTF_8), stringToSign));
        if (!Crypto.same(expected, auth.get("q-signature"))) {
            throw mismatch();
        }
        return verified(key, r, Instant.ofEpochSecond(end).plus(skew));
    }

    private static List<String> list(String names) {
        return names == null || names.isEmpty() ? List.of() : List.of(names.toLowerCase(Locale.ROOT).split(";"));
    }

    /** RFC 3986, '/' included, as COSSigner encodes names and values (checked against it). */
    private static String encode(String s) {
        return Crypto.rfc3986(s, false);
    }
}
