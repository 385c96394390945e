package dev.s3batch.planner.messaging;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.job.PriorityTier;
import dev.s3batch.model.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends task batches to the tier topic of their job's priority, keyed by batch id so one job spreads over all
 * partitions. Counts what Kafka acknowledged: {@code s3batch_planner_batches_published_total{tier}} and
 * {@code s3batch_planner_rows_published_total} (manifest rows planned into tasks; rows/s is its rate).
 */
@ApplicationScoped
public class TaskBatchPublisher {
    private final MutinyEmitter<TaskBatch> emitter;
    private final MeterRegistry metrics;
    private final Counter rows;

    public TaskBatchPublisher(@Channel("task-batches") MutinyEmitter<TaskBatch> emitter, MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
        this.rows = Counter.builder("s3batch.planner.rows.published").description("Manifest rows published as tasks").register(metrics);
    }

    /** Completes when Kafka has acknowledged the batch, sent within the job's trace ({@code traceParent}; null: none). */
    public Uni<Void> send(TaskBatch batch, PriorityTier tier, String traceParent) {
        return emitter.sendMessage(Traces.within(Message.of(batch), traceParent).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(tier.topic()).withKey(batch.batchId()).build())).invoke(() -> {
                    rows.increment(batch.tasks().size());
                    Counter.builder("s3batch.planner.batches.published").description("Task batches Kafka acknowledged, by tier")
                            .tag("tier", tier.name().toLowerCase(java.util.Locale.ROOT)).register(metrics).increment();
                });
    }
}
