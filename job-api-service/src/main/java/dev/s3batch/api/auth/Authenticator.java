package dev.s3batch.api.auth;

import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a request's signature with the scheme of its dialect and says which account signed it. The secrets come
 * from configuration ({@code s3batch.api.accounts.<name>.access-keys.<key-id>}) and never leave this class's verifiers.
 */
@ApplicationScoped
public class Authenticator {
    private final ApiConfig config;
    private final SigV4Verifier aws;
    private final OssVerifier oss;
    private final CosVerifier cos;

    public Authenticator(ApiConfig config) {
        this.config = config;
        Map<String, SignatureVerifier.Key> keys = new HashMap<>();
        config.accounts().forEach((name, account) -> account.accessKeys().forEach((id, secret) ->
                keys.put(id, new SignatureVerifier.Key(secret, new Principal(name, account)))));
        java.util.function.Function<String, Optional<SignatureVerifier.Key>> lookup = id -> Optional.ofNullable(keys.get(id));
        this.aws = new SigV4Verifier(lookup, config.clockSkew());
        this.oss = new OssVerifier(lookup, config.clockSkew());
        this.cos = new CosVerifier(lookup, config.clockSkew(), config.cosMaxSignWindow());
    }

    public boolean enabled() {
        return config.authentication();
    }

    /** AWS SigV4. */
    public Principal aws(SignedRequest request) {
        return verify(request, SigV4Verifier.SCHEME, aws);
    }

    /** OSS V1 or V4. */
    public Principal oss(SignedRequest request) {
        String auth = authorization(request);
        return verify(request, auth.startsWith(OssVerifier.V4) ? OssVerifier.V4 : OssVerifier.V1, oss);
    }

    /** COS q-sign. */
    public Principal cos(SignedRequest request) {
        return verify(request, CosVerifier.SCHEME, cos);
    }

    private Principal verify(SignedRequest request, String scheme, SignatureVerifier verifier) {
        if (!authorization(request).startsWith(scheme)) {
            throw new ApiException(ApiError.ACCESS_DENIED, "This API needs requests signed with " + scheme.trim() + ".");
        }
        Principal principal = verifier.verify(request, Instant.now());
        // a Content-MD5 header is signed by every scheme that carries one (OSS V1/V4, COS when listed, SigV4 when
        // listed): it authenticates the body only if it is the body's digest
        SignatureVerifier.checkContentMd5(request);
        return principal;
    }

    private static String authorization(SignedRequest request) {
        String auth = request.header("authorization");
        if (auth == null || auth.isBlank()) {
            throw new ApiException(ApiError.ACCESS_DENIED, "Anonymous access is forbidden: sign the request.");
        }
        return auth;
    }
}
