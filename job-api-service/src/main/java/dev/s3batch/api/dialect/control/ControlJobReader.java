package dev.s3batch.api.dialect.control;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.items;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.OperationFields;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.ReportSpec;
import dev.s3batch.model.job.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code <CreateJobRequest>} of an AWS-shaped dialect (AWS S3 Control: POST /v20180820/jobs; COS: POST /jobs)
 * into the canonical job and its job tags. Elements are found by name in any order; list items under any element name.
 */
public final class ControlJobReader {

    /** A CreateJob request: the job, and the tags of the job itself. */
    public record Request(JobSpec spec, List<Tag> jobTags) {
    }

    private final ControlDialect d;

    private final ControlOperations operations;

    private final ControlManifests manifests;

    public ControlJobReader(ControlDialect dialect) {
        this.d = dialect;
        this.operations = new ControlOperations(dialect);
        this.manifests = new ControlManifests(dialect);
    }

    public Request read(String body, String accountId) {
        JsonNode req = XmlBodies.parse(body, "CreateJobRequest");
        int priority = Params.priority(text(req, "Priority").orElse(null), "Priority");
        String roleArn = text(req, "RoleArn").orElseThrow(() -> ApiException.missing("RoleArn"));
        if (!d.roleArn().matcher(roleArn).matches() || roleArn.length() > 2048) {
            throw ApiException.invalid("RoleArn must look like " + d.roleArnExample() + ".");
        }
        String token = text(req, "ClientRequestToken").orElseThrow(() -> ApiException.missing("ClientRequestToken"));
        if (token.length() > 64) {
            throw ApiException.invalid("ClientRequestToken must be 1 to 64 characters.");
        }
        String description = text(req, "Description").orElse(null);
        if (description != null && description.length() > 256) {
            throw ApiException.invalid("Description must be 1 to 256 characters.");
        }
        List<Tag> jobTags = TagSets.jobTags(items(child(req, "Tags").orElse(null)), "Tags");
        JobSpec spec = new JobSpec(accountId, operation(req), manifests.read(req), report(req), priority, roleArn, description,
                bool(req, "ConfirmationRequired"), token);
        return new Request(spec, jobTags);
    }

    private Operation operation(JsonNode req) {
        JsonNode op = child(req, "Operation").orElseThrow(() -> ApiException.missing("Operation"));
        List<String> named = new ArrayList<>();
        op.fieldNames().forEachRemaining(named::add);
        if (named.size() != 1) {
            throw ApiException.invalid("Operation must name exactly one operation.");
        }
        String name = named.get(0);
        if (!d.operations().contains(name)) {
            throw ApiException.invalid("Operation " + name + " is not one of " + String.join(", ", d.operations().stream().sorted().toList()) + ".");
        }
        JsonNode body = child(op, name).orElseThrow(() -> ApiException.missing("Operation/" + name));
        return operations.read(name, body);
    }

    private ReportSpec report(JsonNode req) {
        JsonNode report = child(req, "Report").orElseThrow(() -> ApiException.missing("Report"));
        boolean enabled = text(report, "Enabled").map(v -> OperationFields.bool(v, "Report/Enabled")).orElseThrow(() -> ApiException.missing("Report/Enabled"));
        String bucket = null;
        ReportScope scope = ReportScope.ALL_TASKS;
        String prefix = text(report, "Prefix").orElse("");
        if (enabled) {
            String arn = text(report, "Bucket").orElseThrow(() -> ApiException.missing("Report/Bucket"));
            bucket = d.bucket(arn);
            if (bucket == null) {
                throw ApiException.invalid("Report/Bucket must be a bucket ARN, " + d.arnPrefix() + "<bucket>.");
            }
            String format = text(report, "Format").orElseThrow(() -> ApiException.missing("Report/Format"));
            if (!format.equals(d.reportFormatName())) {
                throw ApiException.invalid("Report/Format must be " + d.reportFormatName() + ".");
            }
            scope = switch (text(report, "ReportScope").orElseThrow(() -> ApiException.missing("Report/ReportScope"))) {
                case "AllTasks" -> ReportScope.ALL_TASKS;
                case "FailedTasksOnly" -> ReportScope.FAILED_TASKS_ONLY;
                default -> throw ApiException.invalid("Report/ReportScope must be AllTasks or FailedTasksOnly.");
            };
            if (prefix.length() > 512) {
                throw ApiException.invalid("Report/Prefix must be at most 512 characters.");
            }
        }
        return new ReportSpec(enabled, bucket, prefix, scope, d.reportFormat());
    }

    private static boolean bool(JsonNode parent, String name) {
        return text(parent, name).map(v -> OperationFields.bool(v, name)).orElse(false);
    }
}
