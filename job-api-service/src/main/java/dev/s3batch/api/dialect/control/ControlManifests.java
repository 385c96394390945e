package dev.s3batch.api.dialect.control;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.items;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.ManifestFields;
import dev.s3batch.api.dialect.OperationFields;
import dev.s3batch.model.job.GeneratedManifest;
import dev.s3batch.model.job.ListingFilter;
import dev.s3batch.model.job.ManifestOutput;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The manifest of an AWS-shaped CreateJob and DescribeJob: {@code Manifest} (a CSV or an inventory report) or, in AWS,
 * {@code ManifestGenerator/S3JobManifestGenerator}; and DescribeJob's {@code GeneratedManifestDescriptor}.
 */
final class ControlManifests {
    /** AWS's only format for a generated manifest (and what s3batch writes). */
    static final String GENERATED_FORMAT = "S3InventoryReport_CSV_20211130";
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER",
            "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR");

    private final ControlDialect d;

    ControlManifests(ControlDialect dialect) {
        this.d = dialect;
    }

    ManifestSpec read(JsonNode req) {
        boolean generator = child(req, "ManifestGenerator").isPresent();
        if (generator == child(req, "Manifest").isPresent()) {
            throw ApiException.invalid(d.generator() ? "Give exactly one of Manifest and ManifestGenerator." : "Manifest is required.");
        }
        return generator ? generator(req.get("ManifestGenerator")) : manifest(req.get("Manifest"));
    }

    private ManifestSpec manifest(JsonNode manifest) {
        JsonNode spec = child(manifest, "Spec").orElseThrow(() -> ApiException.missing("Manifest/Spec"));
        JsonNode location = child(manifest, "Location").orElseThrow(() -> ApiException.missing("Manifest/Location"));
        String format = text(spec, "Format").orElseThrow(() -> ApiException.missing("Manifest/Spec/Format"));
        boolean inventory = format.equals(d.inventoryFormat());
        if (!inventory && !format.equals(d.csvFormat())) {
            throw ApiException.invalid("Manifest/Spec/Format must be " + d.csvFormat() + " or " + d.inventoryFormat() + ".");
        }
        List<String> fields = items(child(spec, "Fields").orElse(null)).stream().map(JsonNode::asText).toList();
        String arn = text(location, "ObjectArn").orElseThrow(() -> ApiException.missing("Manifest/Location/ObjectArn"));
        String[] object = d.object(arn);
        if (object == null || arn.length() > 2000) {
            throw ApiException.invalid("Manifest/Location/ObjectArn must be an object ARN, " + d.arnPrefix() + "<bucket>/<key>.");
        }
        String etag = text(location, "ETag").map(e -> e.replace("\"", "")).orElse(null);
        if (etag == null && d.manifestEtagRequired()) {
            throw ApiException.missing("Manifest/Location/ETag");
        }
        ObjectLocation at = new ObjectLocation(object[0], object[1], text(location, "ObjectVersionId").orElse(null));
        if (inventory) {
            return new ManifestSpec.Inventory(at, etag, ManifestFields.inventoryVersions(fields, "Manifest/Spec/Fields"));
        }
        if (fields.isEmpty()) {
            throw ApiException.missing("Manifest/Spec/Fields");
        }
        return new ManifestSpec.Csv(ManifestFields.parse(fields, "Manifest/Spec/Fields"), at, etag);
    }

    private ManifestSpec generator(JsonNode wrapper) {
        if (!d.generator()) {
            throw ApiException.invalid("ManifestGenerator is not part of the " + d.name() + " API; give a Manifest.");
        }
        String where = "ManifestGenerator/S3JobManifestGenerator";
        JsonNode g = child(wrapper, "S3JobManifestGenerator").orElseThrow(() -> ApiException.missing(where));
        String bucket = bucket(text(g, "SourceBucket").orElseThrow(() -> ApiException.missing(where + "/SourceBucket")), where + "/SourceBucket");
        String owner = owner(g, "ExpectedBucketOwner", where);
        boolean output = OperationFields.bool(text(g, "EnableManifestOutput")
                .orElseThrow(() -> ApiException.missing(where + "/EnableManifestOutput")), where + "/EnableManifestOutput");
        ManifestOutput out = null;
        if (output) {
            JsonNode o = child(g, "ManifestOutputLocation").orElseThrow(() -> ApiException.missing(where + "/ManifestOutputLocation"));
            out = output(o, where + "/ManifestOutputLocation");
        }
        JsonNode filter = child(g, "Filter").orElse(null);
        String prefix = "";
        ListingFilter f = ListingFilter.NONE;
        if (filter != null) {
            String fw = where + "/Filter";
            for (String unsupported : List.of("EligibleForReplication", "ObjectReplicationStatuses", "MatchAnyObjectEncryption")) {
                if (child(filter, unsupported).isPresent()) {
                    throw new ApiException(ApiError.NOT_IMPLEMENTED, fw + "/" + unsupported
                            + " is not implemented: S3-compatible stores do not list replication or encryption status.");
                }
            }
            JsonNode names = child(filter, "KeyNameConstraint").orElse(null);
            prefix = one(names, "MatchAnyPrefix", fw + "/KeyNameConstraint");
            Instant after = text(filter, "CreatedAfter").map(v -> OperationFields.timestamp(v, fw + "/CreatedAfter")).orElse(null);
            Instant before = text(filter, "CreatedBefore").map(v -> OperationFields.timestamp(v, fw + "/CreatedBefore")).orElse(null);
            Long greater = text(filter, "ObjectSizeGreaterThanBytes").map(v -> size(v, fw + "/ObjectSizeGreaterThanBytes")).orElse(null);
            Long less = text(filter, "ObjectSizeLessThanBytes").map(v -> size(v, fw + "/ObjectSizeLessThanBytes")).orElse(null);
            List<String> classes = items(child(filter, "MatchAnyStorageClass").orElse(null)).stream()
                    .map(n -> OperationFields.oneOf(n.asText().trim(), fw + "/MatchAnyStorageClass",
                            STORAGE_CLASSES.stream().sorted().toArray(String[]::new)))
                    .toList();
            f = new ListingFilter(after, before, greater, less, classes, emptyToNull(one(names, "MatchAnySuffix", fw + "/KeyNameConstraint")),
                    emptyToNull(one(names, "MatchAnySubstring", fw + "/KeyNameConstraint")));
        }
        return new ManifestSpec.Generated(bucket, prefix, f, out, owner);
    }

    private ManifestOutput output(JsonNode o, String where) {
        String bucket = bucket(text(o, "Bucket").orElseThrow(() -> ApiException.missing(where + "/Bucket")), where + "/Bucket");
        String format = text(o, "ManifestFormat").orElseThrow(() -> ApiException.missing(where + "/ManifestFormat"));
        if (!format.equals(GENERATED_FORMAT)) {
            throw ApiException.invalid(where + "/ManifestFormat must be " + GENERATED_FORMAT + ".");
        }
        String prefix = text(o, "ManifestPrefix").orElse("");
        if (prefix.length() > 512) {
            throw ApiException.invalid(where + "/ManifestPrefix must be at most 512 characters.");
        }
        String encryption = null;
        String keyId = null;
        JsonNode enc = child(o, "ManifestEncryption").orElse(null);
        if (enc != null) {
            boolean s3 = child(enc, "SSE-S3").isPresent();
            JsonNode kms = child(enc, "SSE-KMS").orElse(null);
            if (s3 == (kms != null)) {
                throw ApiException.invalid(where + "/ManifestEncryption must name exactly one of SSE-S3 and SSE-KMS.");
            }
            encryption = s3 ? "SSE-S3" : "SSE-KMS";
            if (kms != null) {
                keyId = OperationFields.headerValue(text(kms, "KeyId").orElseThrow(() -> ApiException.missing(where + "/ManifestEncryption/SSE-KMS/KeyId")),
                        where + "/ManifestEncryption/SSE-KMS/KeyId", 2048);
            }
        }
        return new ManifestOutput(bucket, prefix, owner(o, "ExpectedManifestBucketOwner", where), encryption, keyId);
    }

    /**
     * An expected bucket owner, a 12-digit account id. It is kept and described, not checked: in s3batch the job's
     * role decides which buckets a job reaches (said in the README).
     */
    private static String owner(JsonNode parent, String name, String where) {
        String owner = text(parent, name).orElse(null);
        if (owner != null && !owner.matches("\\d{12}")) {
            throw ApiException.invalid(where + "/" + name + " must be a 12-digit account id.");
        }
        return owner;
    }

    private String bucket(String arn, String where) {
        String bucket = d.bucket(arn);
        if (bucket == null) {
            throw ApiException.invalid(where + " must be a bucket ARN, " + d.arnPrefix() + "<bucket>.");
        }
        return bucket;
    }

    /** The one string of a KeyNameConstraint list (AWS allows exactly one), or "" when the list is absent. */
    private static String one(JsonNode constraint, String name, String where) {
        if (constraint == null || child(constraint, name).isEmpty()) {
            return "";
        }
        List<JsonNode> values = items(constraint.get(name));
        if (values.size() != 1 || values.get(0).asText().isEmpty() || values.get(0).asText().length() > 1024) {
            throw ApiException.invalid(where + "/" + name + " must hold exactly one string of 1 to 1024 characters.");
        }
        return values.get(0).asText();
    }

    private static long size(String value, String where) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid(where + " must be a whole number of bytes, 0 or more.");
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Writes the job's manifest into a JobDescriptor as the request gave it. */
    void write(ObjectNode job, ManifestSpec manifest) {
        manifest.accept(new ManifestSpec.Visitor<Void>() {
            @Override
            public Void csv(ManifestSpec.Csv csv) {
                location(spec(job, d.csvFormat(), csv.fields().stream().map(ManifestFields::name).toList()), csv.location(), csv.etag());
                return null;
            }

            @Override
            public Void inventory(ManifestSpec.Inventory inventory) {
                location(spec(job, d.inventoryFormat(), inventory.versions() ? List.of("Bucket", "Key", "VersionId") : List.of()),
                        inventory.location(), inventory.etag());
                return null;
            }

            @Override
            public Void generated(ManifestSpec.Generated g) {
                return null; // written after the other job fields, where JobDescriptor has ManifestGenerator
            }
        });
    }

    private static ObjectNode spec(ObjectNode job, String format, List<String> fields) {
        ObjectNode manifest = job.putObject("Manifest");
        ObjectNode spec = manifest.putObject("Spec");
        spec.put("Format", format);
        if (!fields.isEmpty()) {
            ArrayNode list = spec.putObject("Fields").putArray("member");
            fields.forEach(list::add);
        }
        return manifest;
    }

    private void location(ObjectNode manifest, ObjectLocation at, String etag) {
        ObjectNode location = manifest.putObject("Location");
        location.put("ObjectArn", d.arnPrefix() + at.bucket() + "/" + at.key());
        if (at.versionId() != null) {
            location.put("ObjectVersionId", at.versionId());
        }
        if (etag != null) {
            location.put("ETag", etag);
        }
    }

    /** {@code ManifestGenerator} and, once the listing was written, {@code GeneratedManifestDescriptor}. */
    void writeGenerator(ObjectNode job, ManifestSpec manifest, GeneratedManifest generated) {
        if (!(manifest instanceof ManifestSpec.Generated g)) {
            return;
        }
        ObjectNode s3 = job.putObject("ManifestGenerator").putObject("S3JobManifestGenerator");
        if (g.expectedBucketOwner() != null) {
            s3.put("ExpectedBucketOwner", g.expectedBucketOwner());
        }
        s3.put("SourceBucket", d.arnPrefix() + g.sourceBucket());
        if (g.output() != null) {
            ManifestOutput o = g.output();
            ObjectNode out = s3.putObject("ManifestOutputLocation");
            if (o.expectedBucketOwner() != null) {
                out.put("ExpectedManifestBucketOwner", o.expectedBucketOwner());
            }
            out.put("Bucket", d.arnPrefix() + o.bucket());
            if (!o.prefix().isEmpty()) {
                out.put("ManifestPrefix", o.prefix());
            }
            if (o.encryption() != null) {
                ObjectNode enc = out.putObject("ManifestEncryption");
                if (o.encryption().equals("SSE-S3")) {
                    enc.putObject("SSE-S3");
                } else {
                    enc.putObject("SSE-KMS").put("KeyId", o.kmsKeyId());
                }
            }
            out.put("ManifestFormat", GENERATED_FORMAT);
        }
        ListingFilter f = g.filter();
        ObjectNode filter = s3.putObject("Filter");
        if (f.createdAfter() != null) {
            filter.put("CreatedAfter", f.createdAfter().toString());
        }
        if (f.createdBefore() != null) {
            filter.put("CreatedBefore", f.createdBefore().toString());
        }
        if (!g.prefix().isEmpty() || f.keySuffix() != null || f.keySubstring() != null) {
            ObjectNode names = filter.putObject("KeyNameConstraint");
            if (!g.prefix().isEmpty()) {
                names.putObject("MatchAnyPrefix").putArray("member").add(g.prefix());
            }
            if (f.keySuffix() != null) {
                names.putObject("MatchAnySuffix").putArray("member").add(f.keySuffix());
            }
            if (f.keySubstring() != null) {
                names.putObject("MatchAnySubstring").putArray("member").add(f.keySubstring());
            }
        }
        if (f.sizeGreaterThan() != null) {
            filter.put("ObjectSizeGreaterThanBytes", f.sizeGreaterThan());
        }
        if (f.sizeLessThan() != null) {
            filter.put("ObjectSizeLessThanBytes", f.sizeLessThan());
        }
        if (!f.storageClasses().isEmpty()) {
            ArrayNode classes = filter.putObject("MatchAnyStorageClass").putArray("member");
            f.storageClasses().forEach(classes::add);
        }
        if (filter.isEmpty()) {
            s3.remove("Filter");
        }
        s3.put("EnableManifestOutput", g.output() != null);
        if (generated != null) {
            ObjectNode descriptor = job.putObject("GeneratedManifestDescriptor");
            descriptor.put("Format", GENERATED_FORMAT);
            location(descriptor, generated.location(), generated.etag());
        }
    }
}
