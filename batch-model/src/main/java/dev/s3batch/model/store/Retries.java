package dev.s3batch.model.store;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** How the services' Kafka consumers retry the effect of a record. */
public final class Retries {
    private Retries() {
    }

    /**
     * Retries {@code effect} with backoff (200 ms doubling to 10 s, 20 % jitter) until it succeeds. A consumer's record
     * whose processing fails would stop its channel for good under the connector's fail-stop strategy, and every job with
     * it; a database or broker that is down for a while must only delay the record.
     */
    public static <T> Uni<T> untilDone(Uni<T> effect) {
        return effect.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).withJitter(0.2).indefinitely();
    }
}
