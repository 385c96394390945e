package dev.s3batch.api.auth;

import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
    private final SignatureLedger ledger;

    public Authenticator(ApiConfig config, SignatureLedger ledger) {
        this.config = config;
        this.ledger = ledger;
        Map<String, SignatureVerifier.Key> keys = new HashMap<>();
        config.accounts().forEach((name, account) -> account.accessKeys().forEach((id, secret) ->
                keys.put(id, new SignatureVerifier.Key(secret, new Principal(name, account)))));
        java.util.function.Function<String, Optional<SignatureVerifier.Key>> lookup = id -> Optional.ofNullable(keys.get(id));
        this.aws = new SigV4Verifier(lookup, config.clockSkew(), config.awsSigningRegions());
        this.oss = new OssVerifier(lookup, config.clockSkew(), config.ossSigningRegions());
        this.cos = new CosVerifier(lookup, config.clockSkew(), config.cosMaxSignWindow());
    }

    public boolean enabled() {
        return config.authentication();
    }

    /** AWS SigV4. */
    public Verified aws(SignedRequest request) {
        return verify(request, SigV4Verifier.SCHEME, aws);
    }

    /** OSS V1 or V4. */
    public Verified oss(SignedRequest request) {
        String auth = authorization(request);
        return verify(request, auth.startsWith(OssVerifier.V4) ? OssVerifier.V4 : OssVerifier.V1, oss);
    }

    /** COS q-sign. */
    public Verified cos(SignedRequest request) {
        return verify(request, CosVerifier.SCHEME, cos);
    }

    /** Who a request acts for: the account, and the signature that said so (null with authentication off). */
    public record Caller(String account, Verified verified) {
    }

    /**
     * Runs {@code action} for {@code caller} once the {@link SignatureLedger} admitted the request; a read (GET) is
     * not bound, its signature cannot change anything (the method is signed). {@code replayChangesState} (a request
     * whose replay could undo a later change) spends the signature, given back when the action fails. Parse and check
     * the request before: a request refused for its values does not touch the ledger.
     */
    public <T> Uni<T> admitted(Caller caller, SignedRequest request, boolean replayChangesState, Supplier<Uni<? extends T>> action) {
        if (caller.verified() == null || request.method().equals("GET")) {
            return Uni.createFrom().deferred(action);
        }
        return ledger.admit(caller.verified(), request, replayChangesState)
                .flatMap(claim -> Uni.createFrom().<T>deferred(action).onFailure().call(claim::giveBack));
    }

    private Verified verify(SignedRequest request, String scheme, SignatureVerifier verifier) {
        if (!authorization(request).startsWith(scheme)) {
            throw new ApiException(ApiError.ACCESS_DENIED, "This API needs requests signed with " + scheme.trim() + ".");
        }
        Verified verified = verifier.verify(request, Instant.now());
        // a Content-MD5 header is signed by every scheme that carries one (OSS V1/V4, COS when listed, SigV4 when
        // listed): it authenticates the body only if it is the body's digest
        SignatureVerifier.checkContentMd5(request);
        return verified;
    }

    private static String authorization(SignedRequest request) {
        String auth = request.header("authorization");
        if (auth == null || auth.isBlank()) {
            throw new ApiException(ApiError.ACCESS_DENIED, "Anonymous access is forbidden: sign the request.");
        }
        return auth;
    }
}
