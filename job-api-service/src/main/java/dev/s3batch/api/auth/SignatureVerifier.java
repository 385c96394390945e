package dev.s3batch.api.auth;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The parts every scheme shares: finding the key's secret, checking the clock, refusing with the right error. */
abstract class SignatureVerifier {
    /** Access key id → the secret and its account. */
    protected final Function<String, Optional<Key>> keys;
    protected final Duration skew;

    record Key(String secret, Principal principal) {
    }

    SignatureVerifier(Function<String, Optional<Key>> keys, Duration skew) {
        this.keys = keys;
        this.skew = skew;
    }

    abstract Verified verify(SignedRequest request, Instant now);

    /** The signature of {@code r} verified with {@code key}; accepted again until {@code validUntil}. */
    protected static Verified verified(Key key, SignedRequest r, Instant validUntil) {
        return new Verified(key.principal(), r.header("authorization"), validUntil);
    }

    protected Key key(String accessKeyId) {
        return keys.apply(accessKeyId).orElseThrow(() -> new ApiException(ApiError.INVALID_ACCESS_KEY,
                "The access key id you provided does not exist in our records."));
    }

    protected void withinSkew(Instant signed, Instant now) {
        if (Duration.between(signed, now).abs().compareTo(skew) > 0) {
            throw new ApiException(ApiError.REQUEST_TIME_SKEWED, "The difference between the request time and the current time is too large.");
        }
    }

    /** A {@code Content-MD5} header, when sent, must be the base64 MD5 of the body received. */
    static void checkContentMd5(SignedRequest r) {
        String md5 = r.header("content-md5");
        if (md5 == null) {
            return;
        }
        byte[] claimed;
        try {
            claimed = java.util.Base64.getDecoder().decode(md5.trim());
        } catch (IllegalArgumentException e) {
            claimed = new byte[0];
        }
        if (claimed.length != 16 || !java.security.MessageDigest.isEqual(claimed, Crypto.md5(r.body()))) {
            throw new ApiException(ApiError.BAD_DIGEST, "The Content-MD5 you specified is not the MD5 of the body received.");
        }
    }

    protected static ApiException mismatch() {
        return new ApiException(ApiError.SIGNATURE_MISMATCH,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    protected static ApiException malformed(String what) {
        return new ApiException(ApiError.ACCESS_DENIED, "The Authorization header is malformed: " + what + ".");
    }

    /** Parses {@code a=1, b=2} (or with {@code &}) into an ordered map. */
    protected static Map<String, String> params(String text, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(separator)) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
