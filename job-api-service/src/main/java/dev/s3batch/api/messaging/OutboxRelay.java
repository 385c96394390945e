package dev.s3batch.api.messaging;

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

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final ApiConfig config;
    private final WorkLoop loop;
    private final DatasourceConfig datasource;
    private final Vertx vertx;
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, ApiConfig config,
            DatasourceConfig datasource, Vertx vertx) {
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
                    return tx.preparedQuery("SELECT id, topic, msg_key, payload FROM outbox ORDER BY id LIMIT $1")
                            .execute(Tuple.of(config.outboxBatchSize()))
                            .flatMap(rows -> publish(tx, rows));
                });
    }

    private Uni<Integer> publish(SqlConnection tx, Iterable<Row> rows) {
        List<Long> ids = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (Row r : rows) {
            ids.add(r.getLong("id"));
            sends.add(emitter.sendMessage(Message.of(r.getString("payload")).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withTopic(r.getString("topic")).withKey(r.getString("msg_key")).build())));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(sends).andFailFast()
                .flatMap(acked -> tx.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(new Long[0]))))
                .map(deleted -> ids.size());
    }
}
