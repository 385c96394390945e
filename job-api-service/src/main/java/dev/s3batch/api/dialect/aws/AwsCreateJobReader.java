package dev.s3batch.api.dialect.aws;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.items;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.ManifestFields;
import dev.s3batch.api.dialect.Params;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.ManifestFormat;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.ReportSpec;
import dev.s3batch.model.job.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an AWS S3 Control {@code <CreateJobRequest>} (POST /v20180820/jobs) into the canonical job and its job tags. */
public final class AwsCreateJobReader {
    static final String CSV_FORMAT = "S3BatchOperations_CSV_20180820";
    static final String INVENTORY_FORMAT = "S3InventoryReport_CSV_20161130";
    static final String REPORT_FORMAT = "Report_CSV_20180820";
    static final Set<String> OPERATIONS = Set.of("LambdaInvoke", "S3PutObjectCopy", "S3PutObjectAcl", "S3PutObjectTagging",
            "S3DeleteObjectTagging", "S3InitiateRestoreObject", "S3PutObjectLegalHold", "S3PutObjectRetention",
            "S3ReplicateObject", "S3ComputeObjectChecksum", "S3UpdateObjectEncryption");
    private static final Pattern OBJECT_ARN = Pattern.compile("arn:[^:]+:s3:[^:]*:[^:]*:([^/]+)/(.+)");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:[^:]+:s3:[^:]*:[^:]*:([^/]+)");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");

    /** A CreateJob request: the job, and the tags of the job itself. */
    public record Request(JobSpec spec, List<Tag> jobTags) {
    }

    private AwsCreateJobReader() {
    }

    public static Request read(String body, String accountId) {
        JsonNode req = XmlBodies.parse(body);
        int priority = Params.priority(text(req, "Priority").orElse(null), "Priority");
        String roleArn = text(req, "RoleArn").orElseThrow(() -> missing("RoleArn"));
        if (!ROLE_ARN.matcher(roleArn).matches() || roleArn.length() > 2048) {
            throw ApiException.invalid("RoleArn must match arn:<partition>:iam::<account-id>:role/<name>.");
        }
        String token = text(req, "ClientRequestToken").orElseThrow(() -> missing("ClientRequestToken"));
        if (token.length() > 64) {
            throw ApiException.invalid("ClientRequestToken must be 1 to 64 characters.");
        }
        String description = text(req, "Description").orElse(null);
        if (description != null && description.length() > 256) {
            throw ApiException.invalid("Description must be 1 to 256 characters.");
        }
        List<Tag> jobTags = TagSets.read(items(child(req, "Tags").orElse(null)), "Tags");
        if (jobTags.size() > 50) {
            throw new ApiException(ApiError.TOO_MANY_TAGS, "A job has at most 50 tags.");
        }
        JobSpec spec = new JobSpec(accountId, operation(req), manifest(req), report(req), priority, roleArn, description,
                bool(req, "ConfirmationRequired"), token);
        return new Request(spec, jobTags);
    }

    private static Operation operation(JsonNode req) {
        JsonNode op = child(req, "Operation").orElseThrow(() -> missing("Operation"));
        List<String> named = new ArrayList<>();
        op.fieldNames().forEachRemaining(named::add);
        if (named.size() != 1) {
            throw ApiException.invalid("Operation must name exactly one operation.");
        }
        String name = named.get(0);
        if (!OPERATIONS.contains(name)) {
            throw ApiException.invalid("Operation " + name + " is not an S3 Batch Operations operation.");
        }
        if (!name.equals("S3PutObjectTagging")) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "Operation " + name + " is not implemented yet; S3PutObjectTagging is.");
        }
        JsonNode tagSet = child(op.get(name), "TagSet").orElse(null);
        return new Operation.PutObjectTagging(TagSets.objectTags(items(tagSet), "Operation/S3PutObjectTagging/TagSet"));
    }

    private static ManifestSpec manifest(JsonNode req) {
        boolean generator = child(req, "ManifestGenerator").isPresent();
        if (generator == child(req, "Manifest").isPresent()) {
            throw ApiException.invalid("Give exactly one of Manifest and ManifestGenerator.");
        }
        if (generator) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "ManifestGenerator is not implemented yet; use a CSV Manifest.");
        }
        JsonNode manifest = req.get("Manifest");
        JsonNode spec = child(manifest, "Spec").orElseThrow(() -> missing("Manifest/Spec"));
        JsonNode location = child(manifest, "Location").orElseThrow(() -> missing("Manifest/Location"));
        String format = text(spec, "Format").orElseThrow(() -> missing("Manifest/Spec/Format"));
        if (format.equals(INVENTORY_FORMAT)) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, "Manifest format " + INVENTORY_FORMAT + " is not implemented yet.");
        }
        if (!format.equals(CSV_FORMAT)) {
            throw ApiException.invalid("Manifest/Spec/Format must be " + CSV_FORMAT + " or " + INVENTORY_FORMAT + ".");
        }
        List<String> fields = items(child(spec, "Fields").orElseThrow(() -> missing("Manifest/Spec/Fields"))).stream()
                .map(JsonNode::asText).toList();
        String arn = text(location, "ObjectArn").orElseThrow(() -> missing("Manifest/Location/ObjectArn"));
        Matcher m = OBJECT_ARN.matcher(arn);
        if (!m.matches() || arn.length() > 2000) {
            throw ApiException.invalid("Manifest/Location/ObjectArn must be an S3 object ARN, arn:aws:s3:::<bucket>/<key>.");
        }
        String etag = text(location, "ETag").orElseThrow(() -> missing("Manifest/Location/ETag")).replace("\"", "");
        return new ManifestSpec(ManifestFormat.CSV, ManifestFields.parse(fields, "Manifest/Spec/Fields"),
                new ObjectLocation(m.group(1), m.group(2), text(location, "ObjectVersionId").orElse(null)), etag);
    }

    private static ReportSpec report(JsonNode req) {
        JsonNode report = child(req, "Report").orElseThrow(() -> missing("Report"));
        boolean enabled = text(report, "Enabled").map(v -> parseBool(v, "Report/Enabled")).orElseThrow(() -> missing("Report/Enabled"));
        String bucket = null;
        ReportScope scope = ReportScope.ALL_TASKS;
        String prefix = text(report, "Prefix").orElse("");
        if (enabled) {
            String arn = text(report, "Bucket").orElseThrow(() -> missing("Report/Bucket"));
            Matcher m = BUCKET_ARN.matcher(arn);
            if (!m.matches()) {
                throw ApiException.invalid("Report/Bucket must be an S3 bucket ARN, arn:aws:s3:::<bucket>.");
            }
            bucket = m.group(1);
            String format = text(report, "Format").orElseThrow(() -> missing("Report/Format"));
            if (!format.equals(REPORT_FORMAT)) {
                throw ApiException.invalid("Report/Format must be " + REPORT_FORMAT + ".");
            }
            scope = switch (text(report, "ReportScope").orElseThrow(() -> missing("Report/ReportScope"))) {
                case "AllTasks" -> ReportScope.ALL_TASKS;
                case "FailedTasksOnly" -> ReportScope.FAILED_TASKS_ONLY;
                default -> throw ApiException.invalid("Report/ReportScope must be AllTasks or FailedTasksOnly.");
            };
            if (prefix.length() > 512) {
                throw ApiException.invalid("Report/Prefix must be at most 512 characters.");
            }
        }
        return new ReportSpec(enabled, bucket, prefix, scope, ReportFormat.AWS_REPORT_CSV_20180820);
    }

    private static boolean bool(JsonNode parent, String name) {
        return text(parent, name).map(v -> parseBool(v, name)).orElse(false);
    }

    private static boolean parseBool(String v, String name) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name + " must be true or false.");
        };
    }

    private static ApiException missing(String field) {
        return ApiException.invalid("The request is missing " + field + ".");
    }
}
