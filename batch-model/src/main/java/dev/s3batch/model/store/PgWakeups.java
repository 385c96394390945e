package dev.s3batch.model.store;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;

/**
 * PostgreSQL LISTEN/NOTIFY channels that wake the services' work loops as soon as a transaction that concerns them
 * commits, instead of polling the database: {@link #OUTBOX} when an event was put in the outbox, {@link #JOBS}
 * ({@code "<jobId> <status>"}) when a job moved. Loops still poll slowly, for work a lost notification would miss.
 */
public final class PgWakeups {
    public static final String OUTBOX = "s3batch_outbox";
    public static final String JOBS = "s3batch_jobs";

    private PgWakeups() {
    }

    /** Listens on the given channels with a connection of its own, reconnecting after a second whenever it drops. */
    public static PgSubscriber listen(Vertx vertx, String reactiveUrl, String user, String password, Map<String, Runnable> channels) {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl).setUser(user).setPassword(password);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        channels.forEach((channel, wake) -> subscriber.channel(channel).handler(payload -> wake.run()));
        subscriber.connect().subscribe().with(ok -> { }, failure -> { /* reconnectPolicy retries */ });
        return subscriber;
    }
}
