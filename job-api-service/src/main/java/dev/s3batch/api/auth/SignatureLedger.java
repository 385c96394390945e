package dev.s3batch.api.auth;

import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The signatures of requests that change state job-api-service has accepted, in PostgreSQL so that every replica sees
 * them. A signature is bound to the operation and job of the first request it authenticated: the same signature with
 * another method, path or query is refused — the OSS V1 query, which no V1 signature covers, cannot be swapped. A signature
 * that changed state is spent: the same request again is refused too, so a captured request cannot be replayed to
 * undo a later change (UpdateJobPriority, job tagging). CreateJob (its ClientRequestToken) and status changes
 * (one-way) are idempotent: their identical replay is answered as a second request would be, and changes nothing. A
 * spent signature whose request failed is given back (nothing changed; the client may retry). An OSS V1 signature
 * does not cover the query and its date has whole seconds: two status or priority changes a V1 client signs in the
 * same second carry the same signature, and the second is refused — such a client signs with V4 or waits a second.
 */
@ApplicationScoped
public class SignatureLedger {
    private final Pool pool;
    private final Vertx vertx;

    public SignatureLedger(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(60_000, id -> expire().subscribe().with(v -> { }));
    }

    /** A claim on a signature for one request; {@link #giveBack()} when the request failed. */
    public record Claim(SignatureLedger ledger, String signature, String fingerprint, boolean spends) {
        public Uni<Void> giveBack() {
            return spends ? ledger.release(this) : Uni.createFrom().voidItem();
        }
    }

    /** Admits {@code request}, signed as {@code verified}; {@code spends}: for a request whose replay would change state. */
    public Uni<Claim> admit(Verified verified, SignedRequest request, boolean spends) {
        Claim claim = new Claim(this, Crypto.sha256Hex(verified.authorization().getBytes(StandardCharsets.UTF_8)), fingerprint(request), spends);
        return pool.preparedQuery("""
                        INSERT INTO request_signatures (signature, fingerprint, consumed, expires_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (signature) DO NOTHING RETURNING 1""")
                .execute(Tuple.of(claim.signature, claim.fingerprint, spends, verified.validUntil().atOffset(ZoneOffset.UTC)))
                .flatMap(inserted -> inserted.rowCount() == 1 ? Uni.createFrom().item(true) : seenBefore(claim))
                .map(ok -> {
                    if (!ok) {
                        throw new ApiException(ApiError.ACCESS_DENIED, spends
                                ? "This signature was already used: a request that changes a job must be signed anew."
                                : "This signature was made for another request: sign each request anew.");
                    }
                    return claim;
                });
    }

    private Uni<Boolean> seenBefore(Claim claim) {
        String sql = claim.spends
                ? "UPDATE request_signatures SET consumed = true WHERE signature = $1 AND fingerprint = $2 AND NOT consumed RETURNING 1"
                : "SELECT 1 FROM request_signatures WHERE signature = $1 AND fingerprint = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(claim.signature, claim.fingerprint)).map(rows -> rows.rowCount() == 1);
    }

    private Uni<Void> release(Claim claim) {
        return pool.preparedQuery("UPDATE request_signatures SET consumed = false WHERE signature = $1 AND fingerprint = $2")
                .execute(Tuple.of(claim.signature, claim.fingerprint)).replaceWithVoid();
    }

    /** Forgets signatures that would be refused as too old anyway. */
    Uni<Void> expire() {
        return pool.query("DELETE FROM request_signatures WHERE expires_at < now()").execute().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Method, path and the query sorted: what a signature is bound to — the operation and the job. Not the body: a
     * body is authenticated by the schemes' digests (Content-MD5, a content hash) when the client sends one, and
     * binding it here would refuse every second CreateJob a client signs within one second without one.
     */
    static String fingerprint(SignedRequest r) {
        List<String[]> query = new java.util.ArrayList<>(r.query());
        query.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        String text = r.method() + "\n" + r.rawPath() + "\n" + query.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
        return Crypto.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
