package dev.s3batch.api.dialect.oss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ManifestFields;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.api.service.JobPage;
import dev.s3batch.api.service.JobView;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportScope;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/** Writes OSS batch-job responses: element names as the OSS API documents them, times in epoch seconds. */
public final class OssJobWriter {
    private OssJobWriter() {
    }

    public static String createJobResult(UUID jobId) {
        ObjectNode root = XmlBodies.object();
        root.put("JobId", jobId.toString());
        return XmlBodies.write("CreateJobResult", root);
    }

    public static String listJobsResult(JobPage page) {
        ObjectNode root = XmlBodies.object();
        if (page.nextToken() != null) {
            root.put("NextToken", page.nextToken());
        }
        ArrayNode list = root.putObject("Jobs").putArray("JobListDescriptor");
        for (JobView job : page.jobs()) {
            ObjectNode j = list.addObject();
            j.put("JobId", job.jobId().toString());
            if (job.spec().description() != null) {
                j.put("Description", job.spec().description());
            }
            j.put("Operation", operationName(job.spec().operation()));
            j.put("Priority", job.priority());
            j.put("Status", job.status().wireName());
            j.put("CreationTime", job.createdAt().getEpochSecond());
            j.put("TerminationDate", epoch(job.terminatedAt()));
            progress(j.putObject("ProgressSummary"), job);
        }
        return XmlBodies.write("ListJobsResult", root);
    }

    /** OSS names every operation as s3batch does (the canonical names are OSS's). */
    static String operationName(Operation operation) {
        return operation.name();
    }

    private static void progress(ObjectNode progress, JobView job) {
        progress.put("NumberOfTasksFailed", job.failed());
        progress.put("NumberOfTasksSucceeded", job.succeeded());
        progress.put("TotalNumberOfTasks", job.totalTasks() == null ? 0 : job.totalTasks());
        progress.putObject("Timers").put("ElapsedTimeInActiveSeconds", job.elapsedActiveSeconds());
    }

    private static void manifest(ObjectNode job, ObjectLocation at, String etag, String format, String fields) {
        ObjectNode manifest = job.putObject("Manifest");
        ObjectNode location = manifest.putObject("Location");
        if (etag != null) {
            location.put("ETag", etag);
        }
        location.put("Bucket", at.bucket());
        location.put("Object", at.key());
        if (at.versionId() != null) {
            location.put("VersionId", at.versionId());
        }
        ObjectNode spec = manifest.putObject("Spec");
        spec.put("Format", format);
        if (fields != null) {
            spec.put("Fields", fields);
        }
    }

    public static String describeJobResult(JobView job) {
        JobSpec spec = job.spec();
        ObjectNode j = XmlBodies.object();
        j.put("ConfirmationRequired", spec.confirmationRequired());
        j.put("CreationTime", job.createdAt().getEpochSecond());
        ObjectNode failures = j.putObject("FailureReasons");
        ArrayNode list = failures.putArray("JobFailure");
        for (JobFailure f : job.failureReasons()) {
            list.addObject().put("FailureCode", f.failureCode()).put("FailureReason", f.failureReason());
        }
        j.put("JobId", job.jobId().toString());
        OssOperations.write(j.putObject("Operation"), spec.operation());
        ObjectNode report = j.putObject("Report");
        report.put("Enabled", spec.report().enabled());
        if (spec.report().bucket() != null) {
            report.put("Bucket", spec.report().bucket());
        }
        report.put("Prefix", spec.report().prefix());
        report.put("ReportScope", spec.report().scope() == ReportScope.ALL_TASKS ? "AllTasks" : "FailedTasksOnly");
        spec.manifest().accept(new ManifestSpec.Visitor<Void>() {
            @Override
            public Void csv(ManifestSpec.Csv csv) {
                manifest(j, csv.location(), csv.etag(), OssCreateJobReader.CSV_FORMAT,
                        csv.fields().stream().map(ManifestFields::name).collect(Collectors.joining(",")));
                return null;
            }

            @Override
            public Void inventory(ManifestSpec.Inventory inventory) {
                manifest(j, inventory.location(), inventory.etag(), OssCreateJobReader.INVENTORY_FORMAT,
                        inventory.versions() ? "Bucket,Key,VersionId" : null);
                return null;
            }

            @Override
            public Void generated(ManifestSpec.Generated g) {
                // OSS's generator has a bucket and a prefix: a job made through another dialect shows those
                ObjectNode generator = j.putObject("KeyPrefixManifestGenerator");
                generator.put("SourceBucket", g.sourceBucket());
                generator.put("Prefix", g.prefix());
                return null;
            }
        });
        if (spec.description() != null) {
            j.put("Description", spec.description());
        }
        j.put("Priority", job.priority());
        j.put("RoleArn", spec.roleArn());
        progress(j.putObject("ProgressSummary"), job);
        j.put("Status", job.status().wireName());
        if (job.statusUpdateReason() != null) {
            j.put("StatusUpdateReason", job.statusUpdateReason());
        }
        if (job.suspendedAt() != null) {
            j.put("SuspendedDate", epoch(job.suspendedAt()));
        }
        j.put("TerminationDate", epoch(job.terminatedAt()));
        ObjectNode root = XmlBodies.object();
        root.set("Job", j);
        return XmlBodies.write("DescribeJobResult", root);
    }

    private static long epoch(Instant t) {
        return t == null ? -1 : t.getEpochSecond();
    }
}
