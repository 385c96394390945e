package dev.s3batch.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.api.config.ApiConfig;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.repository.JobEntity;
import dev.s3batch.api.repository.OutboxEntry;
import dev.s3batch.model.event.JobCreated;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.Topics;
import dev.s3batch.model.tracing.Traces;
import dev.s3batch.model.function.Functions;
import dev.s3batch.model.job.GeneratedManifest;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.ManifestOutput;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.role.Role;
import dev.s3batch.model.role.Roles;
import dev.s3batch.model.role.RolesConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.exception.ConstraintViolationException;

/** Creates jobs (with their JobCreated event, in one transaction) and reads them back, per account. */
@ApplicationScoped
public class JobService {
    private static final ObjectMapper JSON = ModelJson.newMapper();

    private final ApiConfig config;
    private final Roles roles;
    private final Functions functions;

    public JobService(ApiConfig config) {
        this.config = config;
        this.roles = RolesConfig.read(ConfigProvider.getConfig());
        this.functions = Functions.read(ConfigProvider.getConfig());
    }

    /**
     * Stores a new job in status New and its {@link JobCreated} event in the outbox, in one transaction. The same
     * ClientRequestToken with the same request returns the first job's id; with another request it is refused.
     */
    public Uni<UUID> create(JobSpec spec) {
        return create(spec, List.of());
    }

    /** Creates a job carrying {@code jobTags} (AWS job tags). */
    public Uni<UUID> create(JobSpec spec, List<dev.s3batch.model.job.Tag> jobTags) {
        try {
            admissible(spec);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        String specJson = json(spec);
        String hash = sha256(specJson);
        String trace = Traces.current(); // the request's trace, taken while it is current
        return Panache.withTransaction(() -> existing(spec).flatMap(found -> {
            if (found != null) {
                return replay(found, hash);
            }
            Instant now = Instant.now();
            JobEntity job = new JobEntity();
            job.jobId = UUID.randomUUID();
            job.accountId = spec.accountId();
            job.status = JobStatus.NEW.wireName();
            job.priority = spec.priority();
            job.spec = specJson;
            job.clientRequestToken = spec.clientRequestToken();
            job.requestHash = hash;
            job.createdAt = now;
            job.updatedAt = now;
            job.failureReasons = "[]";
            job.tags = json(jobTags);
            job.traceParent = trace;
            OutboxEntry event = OutboxEntry.of(Topics.JOBS, job.jobId.toString(), json(new JobCreated(job.jobId, now, spec)), trace);
            return job.persist().chain(event::persist).replaceWith(job.jobId);
        })).onFailure(ConstraintViolationException.class)
                // a concurrent request with the same token won the insert: answer as a replay of it
                .recoverWithUni(() -> Panache.withSession(() -> existing(spec).flatMap(found -> replay(found, hash))));
    }

    /**
     * Refuses, as CreateJob would, a job its role may not run (with authentication on: without it roles are not
     * enforced). The console checks a job with it before creating it.
     */
    public void admissible(JobSpec spec) {
        if (config.authentication()) {
            checkRole(spec);
        }
    }

    /**
     * The job's role must be configured for the job's account and allow its operation on the manifest's, the
     * operation's destination (a copy's target) and the report's buckets (object buckets are checked by the workers, object by object).
     */
    void checkRole(JobSpec spec) {
        Role role = roles.byArn(spec.roleArn()).filter(r -> r.account().equals(spec.accountId()))
                .orElseThrow(() -> denied("The role " + spec.roleArn() + " is not configured for this account."));
        String operation = spec.operation().name();
        if (!role.allowsOperation(operation)) {
            throw denied("The role " + spec.roleArn() + " may not run " + operation + ".");
        }
        for (String permission : spec.operation().permissions()) {
            if (!role.allowsOperation(permission)) {
                throw denied("The role " + spec.roleArn() + " may not " + permission + ".");
            }
        }
        for (String manifestBucket : spec.manifest().readBuckets()) {
            if (!role.allowsBucket(manifestBucket)) {
                throw denied("The role " + spec.roleArn() + " may not read the manifest bucket " + manifestBucket + ".");
            }
        }
        ManifestOutput output = spec.manifest() instanceof ManifestSpec.Generated g ? g.output() : null;
        if (output != null && !role.allowsBucket(output.bucket())) {
            throw denied("The role " + spec.roleArn() + " may not write the generated manifest to " + output.bucket() + ".");
        }
        for (String destination : spec.operation().destinationBuckets()) {
            if (!role.allowsBucket(destination)) {
                throw denied("The role " + spec.roleArn() + " may not write to the destination bucket " + destination + ".");
            }
        }
        if (spec.report().enabled() && !role.allowsBucket(spec.report().bucket())) {
            throw denied("The role " + spec.roleArn() + " may not write to the report bucket " + spec.report().bucket() + ".");
        }
        if (spec.operation() instanceof Operation.LambdaInvoke lambda
                && functions.byArn(lambda.functionArn()).filter(f -> f.account().equals(spec.accountId())).isEmpty()) {
            throw ApiException.invalid("The function " + lambda.functionArn() + " is not configured for this account: an operator maps a "
                    + "function ARN to its HTTP endpoint (s3batch.functions.*).");
        }
        if (spec.operation() instanceof Operation.ReplicateObject && role.replication().isEmpty()) {
            throw ApiException.invalid("The role " + spec.roleArn() + " has no replication destination: an operator configures "
                    + "where its replicas go (s3batch.roles.<id>.replication.bucket).");
        }
    }

    private static ApiException denied(String message) {
        return new ApiException(ApiError.ACCESS_DENIED, message);
    }

    public Uni<JobView> describe(String accountId, UUID jobId) {
        return Panache.withSession(() -> JobEntity.<JobEntity>findById(jobId))
                .map(job -> {
                    if (job == null || !job.accountId.equals(accountId)) {
                        throw new ApiException(ApiError.NO_SUCH_JOB, "The specified job does not exist.");
                    }
                    return view(job);
                });
    }

    /** Several jobs, in the order of {@code ids}. */
    public Uni<List<JobView>> views(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> JobEntity.<JobEntity>list("jobId in ?1", ids))
                .map(found -> {
                    java.util.Map<UUID, JobEntity> byId = new java.util.HashMap<>();
                    found.forEach(j -> byId.put(j.jobId, j));
                    return ids.stream().filter(byId::containsKey).map(id -> view(byId.get(id))).toList();
                });
    }

    private static Uni<JobEntity> existing(JobSpec spec) {
        return JobEntity.find("accountId = ?1 and clientRequestToken = ?2", spec.accountId(), spec.clientRequestToken())
                .firstResult();
    }

    private static Uni<UUID> replay(JobEntity found, String hash) {
        if (found == null) {
            return Uni.createFrom().failure(new ApiException(ApiError.INTERNAL, "We encountered an internal error. Please try again."));
        }
        if (!found.requestHash.equals(hash)) {
            return Uni.createFrom().failure(new ApiException(ApiError.IDEMPOTENCY_CONFLICT,
                    "The ClientRequestToken was already used with a different request."));
        }
        return Uni.createFrom().item(found.jobId);
    }

    static JobView view(JobEntity job) {
        long elapsed = job.activeSeconds + (job.activeSince == null ? 0
                : Duration.between(job.activeSince, Instant.now()).toSeconds());
        JobStatus status = JobStatus.fromWire(job.status).orElseThrow();
        // jobs never move back, so a job before Active has never been Active (Pausing, Paused and later come after it)
        boolean neverActive = status.ordinal() < JobStatus.ACTIVE.ordinal();
        return new JobView(job.jobId, status, job.priority, read(job.spec, JobSpec.class),
                job.createdAt, job.terminatedAt, job.suspendedAt, job.statusUpdateReason,
                readFailures(job.failureReasons), job.totalTasks, job.tasksSucceeded, job.tasksFailed, neverActive ? -1 : elapsed,
                job.generatedManifest == null ? null : read(job.generatedManifest, GeneratedManifest.class));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored job is unreadable", e);
        }
    }

    private static List<JobFailure> readFailures(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<JobFailure>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored failure reasons are unreadable", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
