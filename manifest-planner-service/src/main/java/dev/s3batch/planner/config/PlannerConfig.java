package dev.s3batch.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "s3batch.planner")
public interface PlannerConfig {

    /** Objects per task batch. */
    @WithDefault("1000")
    int batchSize();

    /** Task batches sent to Kafka and not yet acknowledged, at most (backpressure on expansion). */
    @WithDefault("64")
    int maxInFlight();

    /** A checkpoint (next batch, manifest offset) is stored after this many acknowledged batches. */
    @WithDefault("20")
    int checkpointEvery();

    /** Planner threads: how many jobs this instance prepares or expands at once. */
    @WithDefault("2")
    int threads();

    /** How long a claimed job stays this instance's; renewed at every checkpoint. A crashed planner's jobs are taken over after it. */
    @WithDefault("60s")
    Duration lease();

    /** How long an idle planner thread waits for a job notification before looking for work anyway. */
    @WithDefault("5s")
    Duration idlePoll();

    /** Jobs Active at once, over all accounts; Ready jobs wait, highest priority first. */
    @WithDefault("16")
    int maxActiveJobs();

    /** Jobs Active at once for one account. */
    @WithDefault("6")
    int maxActiveJobsPerAccount();

    /** Priorities at or above this go to the high tier topic. */
    @WithDefault("1000")
    int highTierFrom();

    /** Priorities at or above this (and below high) go to the normal tier topic; lower ones to the low tier. */
    @WithDefault("10")
    int normalTierFrom();

    /**
     * Batches of one job published and not yet accounted, at most: bounds what a paused or cancelled job still has
     * queued, and how far a later job of higher priority is from the front. Keep it at least 4 × workers (each runs two
     * batches of a tier at once) so the workers never run dry.
     */
    @WithDefault("16")
    int windowBatches();

    /** How often a planner preparing a long manifest checks that the job is still Preparing (e.g. not cancelled). */
    @WithDefault("500ms")
    Duration statusCheck();

    /** Keys asked for per ListObjectsV2 page when a generated manifest lists its bucket (S3 answers at most 1,000). */
    @WithDefault("1000")
    int listingPageSize();

    /** A Suspended job not confirmed within this time fails (OSS and COS: 14 days). */
    @WithDefault("P14D")
    Duration suspendedExpiry();
}
