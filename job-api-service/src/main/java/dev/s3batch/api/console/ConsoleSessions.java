package dev.s3batch.api.console;

import dev.s3batch.api.config.ApiConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The console's server-side sessions, in PostgreSQL (any API instance serves any session). Signing in checks an access
 * key id and its secret against the accounts' configuration ({@code s3batch.api.accounts.<name>.access-keys.<id>});
 * the browser gets a random session id in a cookie, the database only its SHA-256, with the account, the key id (a
 * key removed from the configuration ends its sessions), a CSRF token, and idle and absolute expiry.
 */
@ApplicationScoped
public class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest access key id (AWS allows 128 characters). */
    static final int MAX_KEY_ID = 128;
    /** How often a session's last use is written (not on every request). */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A signed-in browser: the account it acts for and the token its state changes carry. */
    public record Session(String idHash, String account, String accessKeyId, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[account=" + account + ", accessKeyId=" + accessKeyId + "]"; // neither the id nor the token
        }
    }

    /** A new session: its cookie value (shown to the browser once) and the session. */
    public record SignedIn(String cookieValue, Session session) {
        @Override
        public String toString() {
            return session.toString();
        }
    }

    /** Why a sign-in was refused: the message a person sees, and the wait before another try (zero: none). */
    public static final class Refused extends RuntimeException {
        private final Duration retryAfter;

        Refused(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private record Key(String account, String secret) {
        @Override
        public String toString() {
            return "Key[" + account + "]";
        }
    }

    private final Pool pool;
    private final ConsoleConfig config;
    private final Map<String, Key> keys = new java.util.HashMap<>();
    private final SignInThrottle throttle;
    private final Clock clock;

    @jakarta.inject.Inject
    public ConsoleSessions(Pool pool, ApiConfig api, ConsoleConfig config) {
        this(pool, api, config, Clock.systemUTC());
    }

    ConsoleSessions(Pool pool, ApiConfig api, ConsoleConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.throttle = new SignInThrottle(config, clock);
        api.accounts().forEach((name, account) -> account.accessKeys().forEach((id, secret) -> keys.put(id, new Key(name, secret))));
    }

    /**
     * Signs in with an access key: a new session, or {@link Refused} — the same message for an unknown key and a wrong
     * secret, and while the key or the address is locked out, a wait without the secret being checked at all.
     */
    public Uni<SignedIn> signIn(String accessKeyId, String secret, String address) {
        String given = accessKeyId == null ? "" : accessKeyId.strip();
        // no key id is longer: a longer one is wrong, and counted under one name (the throttle keeps what it counts)
        String keyId = given.length() > MAX_KEY_ID ? "(too long)" : given;
        Duration wait = throttle.wait(keyId, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Uni.createFrom().failure(new Refused("Too many failed sign-ins. Try again in " + seconds + " s.", Duration.ofSeconds(seconds)));
        }
        Key key = given.length() > MAX_KEY_ID ? null : keys.get(keyId);
        // compared in constant time also when the key id is unknown, so the answer's timing does not tell which it was
        byte[] offered = (secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(sha256(key == null ? "\0unknown" : key.secret()), sha256(offered)) && key != null;
        if (!matches) {
            throttle.failed(keyId, address);
            return Uni.createFrom().failure(new Refused("The access key ID or the secret access key is not valid.", Duration.ZERO));
        }
        throttle.succeeded(keyId);
        String cookie = token();
        Instant now = clock.instant();
        Session session = new Session(hash(cookie), key.account(), keyId, token(), now.plus(config.maxAge()));
        return pool.preparedQuery("""
                        INSERT INTO console_session (id_hash, account_id, access_key_id, csrf_token, created_at, last_seen, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $5, $6)""")
                .execute(Tuple.of(session.idHash(), session.account(), keyId, session.csrfToken(), utc(now), utc(session.expiresAt())))
                // expired sessions go when someone signs in (no sweeper needed)
                .flatMap(done -> pool.preparedQuery("DELETE FROM console_session WHERE expires_at < $1 OR last_seen < $2")
                        .execute(Tuple.of(utc(now), utc(now.minus(config.idleTimeout())))))
                .replaceWith(new SignedIn(cookie, session));
    }

    /** The session a cookie names, while it is valid and its key still configured; empty otherwise. */
    public Uni<Optional<Session>> find(String cookieValue) {
        if (cookieValue == null || !cookieValue.matches("[A-Za-z0-9_-]{43}")) {
            return Uni.createFrom().item(Optional.empty());
        }
        Instant now = clock.instant();
        return pool.preparedQuery("SELECT * FROM console_session WHERE id_hash = $1").execute(Tuple.of(hash(cookieValue)))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(Optional.<Session>empty());
                    }
                    Row row = rows.iterator().next();
                    Session s = new Session(row.getString("id_hash"), row.getString("account_id"), row.getString("access_key_id"),
                            row.getString("csrf_token"), row.getOffsetDateTime("expires_at").toInstant());
                    Instant lastSeen = row.getOffsetDateTime("last_seen").toInstant();
                    Key key = keys.get(s.accessKeyId());
                    if (s.expiresAt().isBefore(now) || lastSeen.plus(config.idleTimeout()).isBefore(now)
                            || key == null || !key.account().equals(s.account())) {
                        return end(s.idHash()).replaceWith(Optional.<Session>empty());
                    }
                    if (lastSeen.plus(TOUCH_EVERY).isAfter(now)) {
                        return Uni.createFrom().item(Optional.of(s));
                    }
                    return pool.preparedQuery("UPDATE console_session SET last_seen = $2 WHERE id_hash = $1")
                            .execute(Tuple.of(s.idHash(), utc(now))).replaceWith(Optional.of(s));
                });
    }

    /** Ends a session (sign-out). */
    public Uni<Void> end(String idHash) {
        return pool.preparedQuery("DELETE FROM console_session WHERE id_hash = $1").execute(Tuple.of(idHash)).replaceWithVoid();
    }

    /** Whether {@code given} is the session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session session, String given) {
        return given != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A session's longest life, for the cookie's. */
    Duration maxAge() {
        return config.maxAge();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String cookieValue) {
        return HexFormat.of().formatHex(sha256(cookieValue.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
