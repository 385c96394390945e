package dev.s3batch.model.manifest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Object keys in manifests and reports are URL-encoded (UTF-8, space as %20, '/' encoded as %2F). */
public final class S3Keys {
    private S3Keys() {
    }

    /** Decodes a manifest key; '+' is taken as a space, as form-encoders (quote_plus) write it. */
    public static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    public static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
