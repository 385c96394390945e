package dev.s3batch.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "s3batch.worker")
public interface WorkerConfig {

    /** S3 requests in flight for one task batch. With {@code mp.messaging.incoming.tasks.concurrency} batches at once. */
    @WithDefault("32")
    int concurrency();

    /** Attempts per task for transient errors (503 SlowDown, 500, timeouts, connection resets), the first included. */
    @WithDefault("5")
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

    /** Batches this worker runs at once, over all tiers; waiting batches get free slots by job priority. */
    @WithDefault("2")
    int batchSlots();
}
