package dev.s3batch.api.dialect.oss;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.list;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.ManifestFields;
import dev.s3batch.api.dialect.OperationFields;
import dev.s3batch.api.dialect.XmlBodies;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.ReportSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads an OSS {@code <CreateJobRequest>} (POST /?batchJob) into the canonical {@link JobSpec}, validating every field. */
public final class OssCreateJobReader {
    static final String CSV_FORMAT = "OSS_BatchOperations_CSV_20250611";
    static final String INVENTORY_FORMAT = "OSS_InventoryReport_CSV_20250611";
    private static final Set<String> OPERATIONS = OssOperations.NAMES;

    private OssCreateJobReader() {
    }

    /** A CreateJob body read once: the job, and whether it named its ClientRequestToken (without one, each request creates a job). */
    public record Request(JobSpec spec, boolean tokenGiven) {
    }

    public static JobSpec read(String body, String accountId) {
        return readRequest(body, accountId).spec();
    }

    public static Request readRequest(String body, String accountId) {
        JsonNode req = XmlBodies.parse(body, "CreateJobRequest");
        return new Request(spec(req, accountId), text(req, "ClientRequestToken").isPresent());
    }

    private static JobSpec spec(JsonNode req, String accountId) {
        int priority = dev.s3batch.api.dialect.Params.priority(text(req, "Priority").orElseThrow(() -> ApiException.missing("Priority")), "Priority");
        String roleArn = text(req, "RoleArn").orElseThrow(() -> ApiException.missing("RoleArn"));
        if (!roleArn.matches("acs:ram::\\d+:role/.+")) {
            throw ApiException.invalid("RoleArn must look like acs:ram::<uid>:role/<name>.");
        }
        String description = text(req, "Description").orElse(null);
        if (description != null && description.length() > 256) {
            throw ApiException.invalid("Description must be at most 256 characters.");
        }
        String token = text(req, "ClientRequestToken").orElse(UUID.randomUUID().toString());
        if (token.length() > 64) {
            throw ApiException.invalid("ClientRequestToken must be 1 to 64 characters.");
        }
        boolean confirm = bool(req, "ConfirmationRequired", false);
        return new JobSpec(accountId, operation(req), manifest(req), report(req), priority, roleArn, description, confirm, token);
    }

    private static Operation operation(JsonNode req) {
        JsonNode op = child(req, "Operation").orElseThrow(() -> ApiException.missing("Operation"));
        List<String> named = new ArrayList<>();
        op.fieldNames().forEachRemaining(named::add);
        if (named.size() != 1) {
            throw ApiException.invalid("Operation must name exactly one of " + String.join(", ", OPERATIONS.stream().sorted().toList()) + ".");
        }
        String name = named.get(0);
        if (!OPERATIONS.contains(name)) {
            throw ApiException.invalid("Operation " + name + " is not supported.");
        }
        JsonNode body = child(op, name).orElseThrow(() -> ApiException.missing("Operation/" + name));
        return OssOperations.read(name, body);
    }

    private static ManifestSpec manifest(JsonNode req) {
        if (child(req, "KeyPrefixManifestGenerator").isPresent()) {
            if (child(req, "Manifest").isPresent()) {
                throw ApiException.invalid("Give either Manifest or KeyPrefixManifestGenerator, not both.");
            }
            JsonNode g = req.get("KeyPrefixManifestGenerator");
            String bucket = text(g, "SourceBucket").orElseThrow(() -> ApiException.missing("KeyPrefixManifestGenerator/SourceBucket"));
            if (!BUCKET.matcher(bucket).matches()) {
                throw ApiException.invalid("KeyPrefixManifestGenerator/SourceBucket must be a bucket name: 3 to 63 lowercase letters, digits and hyphens.");
            }
            String prefix = text(g, "Prefix").orElse("");
            if (prefix.length() > 1023) {
                throw ApiException.invalid("KeyPrefixManifestGenerator/Prefix must be at most 1023 characters.");
            }
            return new ManifestSpec.Generated(bucket, prefix, null, null, null);
        }
        JsonNode manifest = child(req, "Manifest").orElseThrow(() -> ApiException.missing("Manifest"));
        JsonNode location = child(manifest, "Location").orElseThrow(() -> ApiException.missing("Manifest/Location"));
        JsonNode spec = child(manifest, "Spec").orElseThrow(() -> ApiException.missing("Manifest/Spec"));
        String bucket = text(location, "Bucket").orElseThrow(() -> ApiException.missing("Manifest/Location/Bucket"));
        String object = text(location, "Object").orElseThrow(() -> ApiException.missing("Manifest/Location/Object"));
        String etag = text(location, "ETag").map(OssCreateJobReader::unquote).orElse(null);
        ObjectLocation at = new ObjectLocation(bucket, object, text(location, "VersionId").orElse(null));
        String format = text(spec, "Format").orElseThrow(() -> ApiException.missing("Manifest/Spec/Format"));
        if (format.equals(INVENTORY_FORMAT)) {
            // OSS's inventory manifest has no Fields; "VersionId" among them asks for every version the inventory lists
            boolean versions = text(spec, "Fields").map(f -> ManifestFields.inventoryVersions(List.of(f.split(",")), "Manifest/Spec/Fields")).orElse(false);
            return new ManifestSpec.Inventory(at, etag, versions);
        }
        if (!format.equals(CSV_FORMAT)) {
            throw ApiException.invalid("Manifest/Spec/Format must be " + CSV_FORMAT + " or " + INVENTORY_FORMAT + ".");
        }
        String fields = text(spec, "Fields").orElseThrow(() -> ApiException.missing("Manifest/Spec/Fields"));
        return new ManifestSpec.Csv(fields(fields), at, etag);
    }

    private static final java.util.regex.Pattern BUCKET = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    /** OSS writes Fields as one comma-separated string: "Bucket,Key" or "Bucket,Key,VersionId". */
    static List<ManifestField> fields(String text) {
        return ManifestFields.parse(List.of(text.split(",")), "Manifest/Spec/Fields");
    }

    private static ReportSpec report(JsonNode req) {
        JsonNode report = child(req, "Report").orElseThrow(() -> ApiException.missing("Report"));
        boolean enabled = bool(report, "Enabled", false);
        String scopeText = text(report, "ReportScope").orElse(enabled ? null : "AllTasks");
        if (scopeText == null) {
            throw ApiException.missing("Report/ReportScope");
        }
        ReportScope scope = switch (scopeText) {
            case "AllTasks" -> ReportScope.ALL_TASKS;
            case "FailedTasksOnly" -> ReportScope.FAILED_TASKS_ONLY;
            default -> throw ApiException.invalid("Report/ReportScope must be AllTasks or FailedTasksOnly.");
        };
        String bucket = text(report, "Bucket").map(OssCreateJobReader::bucketName).orElse(null);
        if (enabled && bucket == null) {
            throw ApiException.missing("Report/Bucket");
        }
        String prefix = text(report, "Prefix").orElse("");
        if (prefix.length() > 512) {
            throw ApiException.invalid("Report/Prefix must be at most 512 characters.");
        }
        return new ReportSpec(enabled, bucket, prefix, scope, ReportFormat.OSS_REPORT_CSV_20250901);
    }

    /** OSS names buckets plainly; SDK examples also send {@code acs:oss:::bucket}. */
    private static String bucketName(String value) {
        return value.startsWith("acs:oss:::") ? value.substring("acs:oss:::".length()) : value;
    }

    private static boolean bool(JsonNode parent, String name, boolean fallback) {
        return text(parent, name).map(v -> OperationFields.bool(v, name)).orElse(fallback);
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "");
    }
}
