package dev.s3batch.worker.messaging;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.worker.config.WorkerConfig;
import dev.s3batch.worker.jobstate.JobStateView;
import dev.s3batch.worker.jobstate.PriorityGate;
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
 * high one in a fetch), runs them and publishes one {@link TaskBatchExecuted} per batch. A batch first waits for one of
 * the worker's batch slots ({@link PriorityGate}), which go to the highest current job priority first. The batch is
 * acknowledged (its offset committed) only after Kafka has the outcome; a crash before that runs the batch again, and
 * the report service counts its outcome once.
 */
@ApplicationScoped
public class TaskBatchListener {
    private final BatchExecutor executor;
    private final MutinyEmitter<TaskBatchExecuted> outcomes;
    private final JobStateView states;
    private final PriorityGate gate;

    public TaskBatchListener(BatchExecutor executor, @Channel("outcomes") MutinyEmitter<TaskBatchExecuted> outcomes,
            JobStateView states, WorkerConfig config) {
        this.executor = executor;
        this.outcomes = outcomes;
        this.states = states;
        this.gate = new PriorityGate(config.batchSlots());
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
        return states.state(batch.jobId())
                .flatMap(state -> Uni.createFrom().completionStage(() -> gate.acquire(state.priority())))
                .flatMap(slot -> executor.execute(batch).eventually(gate::release))
                .flatMap(outcome -> outcomes.sendMessage(Message.of(outcome)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(batch.jobId().toString()).build())));
    }
}
