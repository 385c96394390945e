package dev.s3batch.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "s3batch.worker")
public interface WorkerConfig {

    /**
     * S3 requests in flight for one task batch (and {@link #maxInFlight()} over all batches). As large as
     * {@code max-in-flight} by default, so one batch of a higher-priority job can take every request slot.
     */
    @WithDefault("64")
    int concurrency();

    /** Attempts per task for transient errors (503 SlowDown, 500, timeouts, connection resets), the first included. */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff before the first retry; doubles each time, with jitter. */
    @WithDefault("100ms")
    Duration initialBackoff();

    /** Longest backoff between two attempts. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** Timeout of one S3 request (connect, read, write). */
    @WithDefault("30s")
    Duration requestTimeout();

    /** How long a job's status and priority are cached before a worker reads them again (bounds how late a cancel is seen). */
    @WithDefault("500ms")
    Duration jobStateTtl();

    /**
     * S3 requests in flight over all the batches this worker runs (two per tier channel at most); a freed slot goes to
     * the waiting task whose job has the highest current priority.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * The fewest S3 requests in flight to one store endpoint when it keeps answering SlowDown: each SlowDown takes the
     * endpoint's request slots down to 70 % (once per 200 ms), each success adds a little back, up to
     * {@link #maxInFlight()}.
     */
    @WithDefault("4")
    int minInFlight();
}
