package dev.s3batch.api.auth;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as its signature covers it: method, path and query exactly as sent, headers by lower-case name, body.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public static SignedRequest of(HttpServerRequest request, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
        if (!headers.containsKey("host") && request.host() != null) {
            headers.put("host", List.of(request.host())); // HTTP/2 carries the host as :authority
        }
        return new SignedRequest(request.method().name(), request.path(), request.query() == null ? "" : request.query(), headers,
                body == null ? new byte[0] : body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The query's parameters, decoded, in the order sent; a parameter without {@code =} has the value "". */
    public List<String[]> query() {
        List<String[]> out = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new String[]{decode(k), decode(v)});
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
