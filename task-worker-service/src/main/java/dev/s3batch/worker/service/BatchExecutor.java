package dev.s3batch.worker.service;

import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.event.TaskResult;
import dev.s3batch.model.function.Functions;
import dev.s3batch.model.role.Role;
import dev.s3batch.worker.config.WorkerConfig;
import dev.s3batch.worker.jobstate.JobStateView;
import dev.s3batch.worker.jobstate.PriorityGate;
import dev.s3batch.worker.metrics.WorkerMetrics;
import dev.s3batch.worker.operation.LambdaInvokeOperation;
import dev.s3batch.worker.operation.ObjectOperation;
import dev.s3batch.worker.operation.ObjectOperations;
import dev.s3batch.worker.s3.S3Clients;
import dev.s3batch.worker.s3.StoreClient;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Runs a batch: the operation on each object, at most {@code concurrency} at once, transient failures retried with
 * exponential backoff and jitter. All batches of the worker share {@code max-in-flight} request slots, handed to the
 * waiting task whose job has the highest current priority ({@link PriorityGate}): a higher-priority batch takes the
 * store from a lower one within a request's time, whatever tier topic each came by. Before each task it consults the job's state ({@link JobStateView}): once the job is
 * winding down (cancelled, failing), the tasks not yet started are skipped — neither run nor counted. Every task that
 * runs ends with exactly one result; a batch never fails as a whole.
 */
@ApplicationScoped
public class BatchExecutor {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BatchExecutor.class);
    private final S3Clients s3;
    private final WorkerConfig config;
    private final JobStateView states;
    /** Request slots per store endpoint, each adapting to its store's SlowDowns. */
    private final java.util.Map<String, PriorityGate> gates = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong batchesStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong unexpectedFailures = new java.util.concurrent.atomic.AtomicLong();

    private final dev.s3batch.worker.config.CopyConfig.Settings copy;
    private final WorkerMetrics metrics;
    private final Functions functions = Functions.read(org.eclipse.microprofile.config.ConfigProvider.getConfig());

    public BatchExecutor(S3Clients s3, WorkerConfig config, JobStateView states) {
        this(s3, config, states, dev.s3batch.worker.config.CopyConfig.Settings.DEFAULT);
    }

    @jakarta.inject.Inject
    public BatchExecutor(S3Clients s3, WorkerConfig config, JobStateView states, dev.s3batch.worker.config.CopyConfig copy, WorkerMetrics metrics) {
        this(s3, config, states, copy.settings(), metrics);
    }

    BatchExecutor(S3Clients s3, WorkerConfig config, JobStateView states, dev.s3batch.worker.config.CopyConfig.Settings copy) {
        this(s3, config, states, copy, WorkerMetrics.none());
    }

    BatchExecutor(S3Clients s3, WorkerConfig config, JobStateView states, dev.s3batch.worker.config.CopyConfig.Settings copy,
            WorkerMetrics metrics) {
        this.s3 = s3;
        this.config = config;
        this.states = states;
        this.copy = copy;
        this.metrics = metrics;
    }

    /** The request slots of the store endpoint the role's requests go to. */
    PriorityGate gate(String roleArn) {
        return gates.computeIfAbsent(s3.endpoint(roleArn), e -> new PriorityGate(config.maxInFlight(), config.minInFlight()));
    }

    public Uni<TaskBatchExecuted> execute(TaskBatch batch) {
        return execute(batch, ObjectOperations.of(batch.operation(), copy, new ObjectOperations.Webhooks(functions, batch.jobId().toString(),
                new LambdaInvokeOperation.Retry(config.maxAttempts(), config.initialBackoff(), config.maxBackoff())),
                new ObjectOperations.Replicas(s3.role(batch.roleArn()).flatMap(Role::replication), s3.forReplicas(batch.roleArn()).orElse(null))));
    }

    Uni<TaskBatchExecuted> execute(TaskBatch batch, ObjectOperation operation) {
        StoreClient client = s3.forRole(batch.roleArn());
        Optional<Role> role = s3.role(batch.roleArn());
        ObjectOperation.Slots own = operation.ownSlots();
        PriorityGate requests = own == null ? gate(batch.roleArn())
                : gates.computeIfAbsent(own.key(), k -> new PriorityGate(own.max(), Math.min(own.max(), config.minInFlight())));
        List<TaskRef> tasks = batch.tasks();
        String name = batch.operation().name();
        // the batch's trace (its record's, current while the listener is called): each task's S3 calls are its spans
        Context trace = Context.current();
        // among batches of equal priority the older one's tasks go first, so the next batch fills the slots its
        // predecessor's last tasks free (a pipeline) instead of both finishing together and leaving the store idle
        long order = batchesStarted.incrementAndGet();
        return Multi.createFrom().items(IntStream.range(0, tasks.size()).boxed())
                .onItem().transformToUni(i -> states.state(batch.jobId()).flatMap(first -> !first.runsTasks() ? skipped(i)
                        // wait for one of the worker's request slots (highest job priority first), then look again
                        : Uni.createFrom().completionStage(() -> requests.acquire(first.priority(), order))
                                .flatMap(slot -> states.state(batch.jobId())
                                        .flatMap(state -> !state.runsTasks() ? skipped(i)
                                                : permitted(role, tasks.get(i), batch.operation().destinationBuckets()).map(Uni.createFrom()::item)
                                                        .orElseGet(() -> run(operation, name, client, tasks.get(i), requests, trace))
                                                        .invoke(r -> metrics.task(name, r.succeeded(), r.errorCode())).map(r -> new Indexed(i, r)))
                                        .eventually(requests::release))))
                .merge(config.concurrency())
                .collect().asList()
                .map(done -> {
                    List<TaskResult> results = done.stream().filter(d -> d.result() != null)
                            .sorted(Comparator.comparingInt(Indexed::index)).map(Indexed::result).toList();
                    metrics.skipped(tasks.size() - results.size());
                    return new TaskBatchExecuted(batch.jobId(), batch.seq(), results, tasks.size() - results.size());
                });
    }

    private static Uni<Indexed> skipped(int index) {
        return Uni.createFrom().item(new Indexed(index, null));
    }

    /** A refusal when the job's role may not act on the task's bucket; empty when it may. */
    static Optional<TaskResult> permitted(Optional<Role> role, TaskRef task, List<String> destinations) {
        if (task.rejectReason() != null || role.isEmpty()) {
            return Optional.empty();
        }
        if (!role.get().allowsBucket(task.bucket())) {
            return Optional.of(TaskResult.failure(task, 403, "AccessDenied", "The job's role may not act on bucket " + task.bucket() + "."));
        }
        // the role may have changed since CreateJob checked the operation's destination (a copy's target bucket)
        return destinations.stream().filter(b -> !role.get().allowsBucket(b)).findFirst()
                .map(b -> TaskResult.failure(task, 403, "AccessDenied", "The job's role may not write to bucket " + b + "."));
    }

    Uni<TaskResult> run(ObjectOperation operation, String operationName, StoreClient client, TaskRef task, PriorityGate gate, Context trace) {
        if (task.rejectReason() != null) {
            return Uni.createFrom().item(TaskResult.failure(task, 400, "InvalidManifestRow", task.rejectReason()));
        }
        return Uni.createFrom().completionStage(() -> StoreClient.call(() -> {
                    try (Scope ignored = trace.makeCurrent()) {
                        return operation.run(client, task);
                    }
                }))
                .invoke(outcome -> gate.succeeded())
                .onFailure(e -> S3Failure.of(e).slowDown()).invoke(e -> congested(gate))
                .onFailure(e -> S3Failure.of(e).transientFailure()).invoke(e -> metrics.transientFailure(operationName))
                .onFailure(e -> S3Failure.of(e).transientFailure())
                .retry().withBackOff(config.initialBackoff(), config.maxBackoff()).withJitter(0.5).atMost(config.maxAttempts() - 1)
                .map(outcome -> TaskResult.success(task, outcome.httpStatus(), outcome.message()))
                .onFailure().recoverWithItem(e -> {
                    S3Failure f = S3Failure.of(e);
                    if (f.unexpected() && unexpectedFailures.getAndIncrement() % 1000 == 0) {
                        // the report says "internal error"; the cause is for the operator (the first, then every 1,000th)
                        LOG.warnf(e, "a task failed with an unexpected error (%d so far)", unexpectedFailures.get());
                    }
                    return TaskResult.failure(task, f.httpStatus(), f.code(), f.message());
                });
    }

    private void congested(PriorityGate gate) {
        metrics.slowDown();
        int before = gate.limit();
        int after = gate.congested();
        if (after < before && (after == config.minInFlight() || before == config.maxInFlight())) {
            LOG.warnf("the store answers SlowDown: %d S3 requests in flight at most (of %d) until it recovers", after, config.maxInFlight());
        }
    }

    /** A task's result, or null when it was skipped. */
    private record Indexed(int index, TaskResult result) {
    }
}
