package dev.s3batch.api.dialect.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ManifestFields;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.api.service.JobPage;
import dev.s3batch.api.service.JobView;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Writes responses of an AWS-shaped dialect: {@code member} list items, ISO-8601 times, the dialect's ARNs. */
public final class ControlJobWriter {
    private final ControlDialect d;

    private final ControlOperations operations;

    private final ControlManifests manifests;

    public ControlJobWriter(ControlDialect dialect) {
        this.d = dialect;
        this.operations = new ControlOperations(dialect);
        this.manifests = new ControlManifests(dialect);
    }

    public String createJobResult(UUID jobId) {
        ObjectNode root = XmlBodies.object();
        root.put("JobId", jobId.toString());
        return XmlBodies.write("CreateJobResult", root);
    }

    /** {@code accountId}: the account's id in this dialect, for the job ARN. */
    public String describeJobResult(JobView job, String region, String accountId) {
        JobSpec spec = job.spec();
        ObjectNode j = XmlBodies.object();
        j.put("JobId", job.jobId().toString());
        j.put("ConfirmationRequired", spec.confirmationRequired());
        if (spec.description() != null) {
            j.put("Description", spec.description());
        }
        if (d.jobArns()) {
            j.put("JobArn", "arn:aws:s3:" + region + ":" + accountId + ":job/" + job.jobId());
        }
        j.put("Status", job.status().wireName());
        manifests.write(j, spec.manifest());
        operations.write(j.putObject("Operation"), spec.operation());
        j.put("Priority", job.priority());
        progress(j.putObject("ProgressSummary"), job);
        if (job.statusUpdateReason() != null) {
            j.put("StatusUpdateReason", job.statusUpdateReason());
        }
        ArrayNode failures = j.putObject("FailureReasons").putArray("member");
        for (JobFailure f : job.failureReasons()) {
            failures.addObject().put("FailureCode", f.failureCode()).put("FailureReason", f.failureReason());
        }
        ObjectNode report = j.putObject("Report");
        if (spec.report().bucket() != null) {
            report.put("Bucket", d.arnPrefix() + spec.report().bucket());
        }
        report.put("Format", spec.report().format().wireName());
        report.put("Enabled", spec.report().enabled());
        report.put("Prefix", spec.report().prefix());
        report.put("ReportScope", spec.report().scope() == ReportScope.ALL_TASKS ? "AllTasks" : "FailedTasksOnly");
        j.put("CreationTime", iso(job.createdAt()));
        if (job.terminatedAt() != null) {
            j.put("TerminationDate", iso(job.terminatedAt()));
        }
        j.put("RoleArn", spec.roleArn());
        if (job.suspendedAt() != null) {
            j.put("SuspendedDate", iso(job.suspendedAt()));
            if (job.status() == JobStatus.SUSPENDED) {
                j.put("SuspendedCause", SUSPENDED_CAUSE);
            }
        }
        manifests.writeGenerator(j, spec.manifest(), job.generatedManifest());
        ObjectNode root = XmlBodies.object();
        root.set("Job", j);
        return XmlBodies.write("DescribeJobResult", root);
    }

    /** Why a job is Suspended: s3batch suspends a job only to await its confirmation. */
    static final String SUSPENDED_CAUSE = "AwaitingConfirmation: the job was created with ConfirmationRequired; confirm it "
            + "with UpdateJobStatus (Ready); unconfirmed, it fails after the confirmation period (14 days by default).";

    public String listJobsResult(JobPage page) {
        ObjectNode root = XmlBodies.object();
        if (page.nextToken() != null) {
            root.put("NextToken", page.nextToken());
        }
        ArrayNode list = root.putObject("Jobs").putArray("member");
        for (JobView job : page.jobs()) {
            ObjectNode j = list.addObject();
            j.put("JobId", job.jobId().toString());
            if (job.spec().description() != null) {
                j.put("Description", job.spec().description());
            }
            j.put("Operation", operationName(job.spec().operation()));
            j.put("Priority", job.priority());
            j.put("Status", job.status().wireName());
            j.put("CreationTime", iso(job.createdAt()));
            if (job.terminatedAt() != null) {
                j.put("TerminationDate", iso(job.terminatedAt()));
            }
            progress(j.putObject("ProgressSummary"), job);
        }
        return XmlBodies.write("ListJobsResult", root);
    }

    public String getJobTaggingResult(List<Tag> tags) {
        ObjectNode root = XmlBodies.object();
        ArrayNode list = root.putObject("Tags").putArray("member");
        tags.forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
        return XmlBodies.write("GetJobTaggingResult", root);
    }

    public String empty(String root) {
        return XmlBodies.write(root, XmlBodies.object());
    }

    String operationName(Operation operation) {
        return operations.name(operation);
    }

    private static void progress(ObjectNode p, JobView job) {
        p.put("TotalNumberOfTasks", job.totalTasks() == null ? 0 : job.totalTasks());
        p.put("NumberOfTasksSucceeded", job.succeeded());
        p.put("NumberOfTasksFailed", job.failed());
        p.putObject("Timers").put("ElapsedTimeInActiveSeconds", Math.max(0, job.elapsedActiveSeconds()));
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
