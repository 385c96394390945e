package dev.s3batch.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A job row (table {@code batch_job}, schema in batch-model). The API creates it and reads it; the planner and the
 * report service move it (status, counters, checkpoint) with compare-and-set SQL of their own.
 */
@Entity
@Table(name = "batch_job")
public class JobEntity extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public UUID jobId;
    @Column(name = "account_id")
    public String accountId;
    public String status;
    public int priority;
    /** The canonical JobSpec as JSON. */
    public String spec;
    @Column(name = "client_request_token")
    public String clientRequestToken;
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "status_update_reason")
    public String statusUpdateReason;
    /** The W3C traceparent of the CreateJob request: the job's Kafka records are sent within its trace. */
    @Column(name = "trace_parent")
    public String traceParent;
    @Column(name = "failure_reasons")
    public String failureReasons;
    @Column(name = "suspended_at")
    public Instant suspendedAt;
    @Column(name = "active_since")
    public Instant activeSince;
    @Column(name = "active_seconds")
    public long activeSeconds;
    @Column(name = "terminated_at")
    public Instant terminatedAt;
    @Column(name = "total_tasks")
    public Long totalTasks;
    @Column(name = "tasks_succeeded")
    public long tasksSucceeded;
    @Column(name = "tasks_failed")
    public long tasksFailed;
    /** The job's own tags (not object tags), as a JSON list. */
    public String tags;
    /** The manifest a manifest generator wrote (a {@code GeneratedManifest} as JSON), null until then. */
    @Column(name = "generated_manifest")
    public String generatedManifest;
}
