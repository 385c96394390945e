package dev.s3batch.model.event;

import dev.s3batch.model.job.PriorityTier;

import java.util.Locale;

/** Kafka topic names. Topics are declared by the deployment (deploy/kafka.sh, k8s/kafka-topics.yaml), never auto-created. */
public final class Topics {
    /** Key: job id. Value: {@code JobCreated}. */
    public static final String JOBS = "s3batch.jobs.v1";
    /** Key: job id. Value: {@code TaskBatchExecuted}. */
    public static final String OUTCOMES = "s3batch.outcomes.v1";
    /** Key: job id. Value: a CloudEvent whose data is {@code JobStatusChanged}. */
    public static final String JOB_STATUS = "s3batch.job-status.v1";

    private Topics() {
    }

    /** Key: batch id ({@code <jobId>/<seq>}), so one job spreads over all partitions. Value: {@code TaskBatch}. */
    public static String tasks(PriorityTier tier) {
        return "s3batch.tasks." + tier.name().toLowerCase(Locale.ROOT) + ".v1";
    }
}
