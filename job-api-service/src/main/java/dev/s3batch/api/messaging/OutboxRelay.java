package dev.s3batch.api.messaging;

import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.tracing.Traces;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.config.DatasourceConfig;
import dev.s3batch.model.store.PgWakeups;
import dev.s3batch.model.store.WorkLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the shared outbox to Kafka, for every service that writes to it (job-api's JobCreated, the planner's and
 * report service's JobStatusChanged). Rows are deleted only after Kafka acknowledged them (at-least-once); a
 * transaction-scoped advisory lock keeps one relay active at a time across instances, so events keep their order.
 * Runs on its own thread, woken by {@link PgWakeups#OUTBOX} notifications (and {@link #wake()}), and polling every
 * {@code outboxPollInterval} in case a notification was missed.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final long RELAY_LOCK = 0x53336261746368L;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final ApiConfig config;
    private final WorkLoop loop;
    private final DatasourceConfig datasource;
    private final Vertx vertx;
    private PgSubscriber subscriber;
    /** Rows set aside after their last attempt, and rows waiting: the gauges {@code s3batch.outbox.blocked} / {@code .pending}. */
    private final java.util.concurrent.atomic.AtomicLong blockedRows = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong pendingRows = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong oldestAgeMillis = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> jobsByStatus = new java.util.HashMap<>();

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, ApiConfig config,
            DatasourceConfig datasource, Vertx vertx, io.micrometer.core.instrument.MeterRegistry metrics) {
        metrics.gauge("s3batch.outbox.blocked", blockedRows);
        metrics.gauge("s3batch.outbox.pending", pendingRows);
        // relay lag: how long the oldest waiting row has waited (0 when none waits)
        io.micrometer.core.instrument.Gauge.builder("s3batch.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest event waiting in the outbox").register(metrics);
        // jobs by status, every status a series (0 when none is in it)
        for (JobStatus status : JobStatus.values()) {
            java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
            jobsByStatus.put(status.wireName(), count);
            io.micrometer.core.instrument.Gauge.builder("s3batch.jobs", count, java.util.concurrent.atomic.AtomicLong::get)
                    .description("Jobs by status").tag("status", status.wireName()).register(metrics);
        }
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.datasource = datasource;
        this.vertx = vertx;
        this.loop = new WorkLoop("outbox-relay", config.outboxPollInterval(),
                () -> pool.withTransaction(this::relayOnce).await().atMost(Duration.ofSeconds(60)) >= config.outboxBatchSize());
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgWakeups.listen(vertx, datasource.reactiveUrl(), datasource.username(), datasource.password(),
                Map.of(PgWakeups.OUTBOX, this::wake));
        loop.start(1);
        vertx.setPeriodic(config.outboxPollInterval().toMillis(), id -> countRows().subscribe().with(v -> { }, e -> { }));
    }

    /** Refreshes the outbox gauges (a blocked row is also logged at ERROR when it is set aside) and the jobs by status. */
    public Uni<Void> countRows() {
        return pool.query("""
                        SELECT count(*) FILTER (WHERE blocked) AS blocked, count(*) FILTER (WHERE NOT blocked) AS pending,
                               coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE NOT blocked)) * 1000, 0)::bigint AS oldest_ms
                        FROM outbox""")
                .execute().invoke(rows -> {
                    Row r = rows.iterator().next();
                    blockedRows.set(r.getLong("blocked"));
                    pendingRows.set(r.getLong("pending"));
                    oldestAgeMillis.set(r.getLong("oldest_ms"));
                })
                .chain(() -> pool.query("SELECT status, count(*) AS jobs FROM batch_job GROUP BY status").execute())
                .invoke(rows -> {
                    Map<String, Long> counts = new java.util.HashMap<>();
                    rows.forEach(r -> counts.put(r.getString("status"), r.getLong("jobs")));
                    jobsByStatus.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
                }).replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop(Duration.ofSeconds(5));
        subscriber.close();
    }

    /** Asks the relay to look at the outbox now (e.g. right after a transaction that wrote to it committed). */
    public void wake() {
        loop.wake();
    }

    Uni<Integer> relayOnce(SqlConnection tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> {
                    if (!lock.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("""
                                    SELECT id, topic, msg_key, payload, attempts, trace_parent FROM outbox
                                    WHERE NOT blocked AND next_attempt_at <= now() ORDER BY id LIMIT $1""")
                            .execute(Tuple.of(config.outboxBatchSize()))
                            .flatMap(rows -> publish(tx, rows));
                });
    }

    /**
     * Sends every row and waits for each answer: acknowledged rows are deleted; a refused row counts an attempt and
     * waits (doubling, up to five minutes) before the next, and after {@code outboxMaxAttempts} is set aside, so one row
     * Kafka refuses forever never blocks the others.
     */
    private Uni<Integer> publish(SqlConnection tx, Iterable<Row> rows) {
        List<Row> batch = new ArrayList<>();
        List<Uni<Throwable>> sends = new ArrayList<>();
        for (Row r : rows) {
            batch.add(r);
            sends.add(Uni.createFrom().deferred(() -> emitter.sendMessage(Traces.within(Message.of(r.getString("payload")), r.getString("trace_parent"))
                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(r.getString("topic")).withKey(r.getString("msg_key")).build())))
                    .replaceWith((Throwable) null)
                    .onFailure().recoverWithItem(e -> e));
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(sends).andCollectFailures().flatMap(results -> {
            List<Long> sent = new ArrayList<>();
            Uni<Void> failures = Uni.createFrom().voidItem();
            for (int i = 0; i < batch.size(); i++) {
                Row r = batch.get(i);
                Throwable error = results.get(i);
                if (error == null) {
                    sent.add(r.getLong("id"));
                } else {
                    failures = failures.flatMap(v -> failed(tx, r, error));
                }
            }
            return failures.flatMap(v -> tx.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(sent.toArray(new Long[0]))))
                    .map(deleted -> sent.size());
        });
    }

    private Uni<Void> failed(SqlConnection tx, Row r, Throwable error) {
        int attempts = r.getInteger("attempts") + 1;
        boolean blocked = attempts >= config.outboxMaxAttempts();
        long waitMillis = Math.min(Duration.ofMinutes(5).toMillis(), config.outboxRetryBackoff().toMillis() << Math.min(20, attempts - 1));
        String why = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        if (blocked) {
            LOG.errorf("outbox row %d (topic %s, key %s) set aside after %d attempts: %s", r.getLong("id"), r.getString("topic"),
                    r.getString("msg_key"), attempts, why);
        } else {
            LOG.warnf("outbox row %d (topic %s) not published (attempt %d of %d): %s", r.getLong("id"), r.getString("topic"), attempts,
                    config.outboxMaxAttempts(), why);
        }
        return tx.preparedQuery("""
                        UPDATE outbox SET attempts = $2, blocked = $3, last_error = $4,
                          next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1""")
                .execute(Tuple.of(r.getLong("id"), attempts, blocked, why.length() > 1000 ? why.substring(0, 1000) : why, waitMillis / 1000.0))
                .replaceWithVoid();
    }
}
