package dev.s3batch.model.store;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;

/**
 * The name under which one service instance holds job leases ({@code batch_job.lease_owner}): its own PostgreSQL
 * session, a connection it keeps open for that alone ({@code session:<backend pid>:<backend start, µs>}). When the
 * process dies its connection closes and PostgreSQL ends the session, so its leases are free at once ({@link #FREE})
 * instead of when {@code lease_until} passes: a restarted (or another) planner or finalizer takes the work over in a
 * poll, not a lease's length. The lease's time still bounds a holder that lives but hangs.
 * <p>
 * If the connection is lost (a database restart), the next {@link #owner()} opens another: the instance's leases under
 * the old name are then free too, and its writes under the old name are refused — it lets the job go and claims again.
 */
public final class LeaseOwner {
    /** SQL over a {@code batch_job} row: its lease is free — never taken, expired, or its holder's session is gone. */
    public static final String FREE = """
            (lease_until IS NULL OR lease_until < now()
             OR (lease_owner LIKE 'session:%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                   WHERE batch_job.lease_owner = 'session:' || a.pid || ':' || (extract(epoch FROM a.backend_start) * 1000000)::bigint)))""";

    private final Pool pool;
    private SqlConnection anchor;
    private String owner;

    public LeaseOwner(Pool pool) {
        this.pool = pool;
    }

    /** This instance's lease owner name; opens its session first when there is none (blocking: call off the event loop). */
    public synchronized String owner() {
        if (anchor == null) {
            SqlConnection c = pool.getConnection().await().atMost(Duration.ofSeconds(30));
            try {
                owner = c.query("SELECT 'session:' || pid || ':' || (extract(epoch FROM backend_start) * 1000000)::bigint AS owner"
                                + " FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                        .execute().await().atMost(Duration.ofSeconds(30)).iterator().next().getString("owner");
            } catch (RuntimeException e) {
                c.closeAndForget();
                throw e;
            }
            c.closeHandler(() -> lost(c));
            anchor = c;
        }
        return owner;
    }

    private synchronized void lost(SqlConnection c) {
        if (anchor == c) {
            anchor = null;
        }
    }

    /** Ends the session (its leases are then free). */
    public synchronized void close() {
        if (anchor != null) {
            anchor.closeAndForget();
            anchor = null;
        }
    }
}
