package dev.s3batch.planner.messaging;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.job.PriorityTier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends task batches to the tier topic of their job's priority, keyed by batch id so one job spreads over all partitions. */
@ApplicationScoped
public class TaskBatchPublisher {
    private final MutinyEmitter<TaskBatch> emitter;

    public TaskBatchPublisher(@Channel("task-batches") MutinyEmitter<TaskBatch> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has acknowledged the batch. */
    public Uni<Void> send(TaskBatch batch, PriorityTier tier) {
        return emitter.sendMessage(Message.of(batch).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(tier.topic()).withKey(batch.batchId()).build()));
    }
}
