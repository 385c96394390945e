package dev.s3batch.worker.messaging;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.store.Retries;
import dev.s3batch.model.tracing.Traces;
import dev.s3batch.worker.service.BatchExecutor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes task batches from the three tier topics (one channel each, so a busy low tier never stands in front of the
 * high one in a fetch), runs them and publishes one {@link TaskBatchExecuted} per batch. Batches of all tiers share the
 * worker's S3 request slots by job priority ({@link BatchExecutor}). The batch is acknowledged (its offset committed)
 * only after Kafka has the outcome; a crash before that runs the batch again, and the report service counts its
 * outcome once.
 */
@ApplicationScoped
public class TaskBatchListener {
    private final BatchExecutor executor;
    private final MutinyEmitter<TaskBatchExecuted> outcomes;

    public TaskBatchListener(BatchExecutor executor, @Channel("outcomes") MutinyEmitter<TaskBatchExecuted> outcomes) {
        this.executor = executor;
        this.outcomes = outcomes;
    }

    @Incoming("tasks-high")
    public Uni<Void> onHigh(TaskBatch batch) {
        return run(batch);
    }

    @Incoming("tasks-normal")
    public Uni<Void> onNormal(TaskBatch batch) {
        return run(batch);
    }

    @Incoming("tasks-low")
    public Uni<Void> onLow(TaskBatch batch) {
        return run(batch);
    }

    Uni<Void> run(TaskBatch batch) {
        // the batch's trace (the record's headers, made current while this method is called), for the outcome's record
        String trace = Traces.current();
        // the outcome is sent until Kafka takes it (a broker restart must not stop the channel, nor run the batch again)
        return executor.execute(batch)
                .flatMap(outcome -> Retries.untilDone(Uni.createFrom().deferred(() -> outcomes.sendMessage(Traces.within(Message.of(outcome), trace)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(batch.jobId().toString()).build())))));
    }
}
