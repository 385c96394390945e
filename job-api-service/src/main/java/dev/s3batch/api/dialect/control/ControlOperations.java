package dev.s3batch.api.dialect.control;

import static dev.s3batch.api.dialect.XmlBodies.child;
import static dev.s3batch.api.dialect.XmlBodies.items;
import static dev.s3batch.api.dialect.XmlBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.dialect.OperationFields;
import dev.s3batch.api.dialect.TagSets;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Operation.Directive;
import dev.s3batch.model.job.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of the AWS-shaped dialects, read from and written back to their XML: one place per dialect family,
 * so what a client sends is what DescribeJob gives back. AWS and COS share the shapes and differ in names: list items
 * ({@code member} and {@code S3Grant} vs {@code COSGrant}, {@code COSTag}), user metadata (AWS's map {@code entry}/
 * {@code key}/{@code value}, COS's {@code member}/{@code Key}/{@code Value}) and directive spellings ({@code REPLACE} vs
 * {@code Replaced}).
 */
final class ControlOperations {
    static final List<String> CANNED_ACLS = List.of("private", "public-read", "public-read-write", "aws-exec-read",
            "authenticated-read", "bucket-owner-read", "bucket-owner-full-control");
    private static final List<String> PERMISSIONS = List.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");
    private static final int MAX_GRANTS = 100;
    private static final int MAX_USER_METADATA = 2048;
    private final ControlDialect d;
    private final boolean aws;

    ControlOperations(ControlDialect dialect) {
        this.d = dialect;
        this.aws = dialect.name().equals(ControlDialect.AWS.name()); // also the console's (AWS's shape, more operations)
    }

    /** The operation named {@code name} with body {@code op}; 501 for a documented operation s3batch does not run yet. */
    Operation read(String name, JsonNode op) {
        String where = "Operation/" + name;
        if (name.equals(d.taggingOperation())) {
            return new Operation.PutObjectTagging(TagSets.objectTags(items(child(op, "TagSet").orElse(null)), where + "/TagSet"));
        }
        return switch (name) {
            case "S3DeleteObjectTagging" -> new Operation.DeleteObjectTagging();
            case "COSDeleteObject" -> new Operation.DeleteObject();
            case "S3PutObjectAcl" -> acl(op, where);
            case "S3InitiateRestoreObject" -> new Operation.RestoreObject(
                    text(op, "ExpirationInDays").map(v -> OperationFields.integer(v, where + "/ExpirationInDays", 0, Integer.MAX_VALUE)).orElse(null),
                    text(op, "GlacierJobTier").map(v -> OperationFields.oneOf(v, where + "/GlacierJobTier", "BULK", "STANDARD"))
                            .map(ControlOperations::s3Tier).orElse(null));
            case "COSInitiateRestoreObject" -> new Operation.RestoreObject(
                    OperationFields.integer(text(op, "ExpirationInDays").orElseThrow(() -> ApiException.missing(where + "/ExpirationInDays")),
                            where + "/ExpirationInDays", 1, 365),
                    OperationFields.oneOf(text(op, "JobTier").orElseThrow(() -> ApiException.missing(where + "/JobTier")), where + "/JobTier", "Bulk", "Standard"));
            case "S3PutObjectCopy", "COSPutObjectCopy" -> copy(op, where);
            case "S3PutObjectLegalHold" -> new Operation.PutObjectLegalHold(OperationFields.oneOf(child(op, "LegalHold")
                    .flatMap(h -> text(h, "Status")).orElseThrow(() -> ApiException.missing(where + "/LegalHold/Status")), where + "/LegalHold/Status", "ON", "OFF"));
            case "S3PutObjectRetention" -> retention(op, where);
            case "LambdaInvoke" -> lambda(op, where);
            case "S3ComputeObjectChecksum" -> checksum(op, where);
            case "S3ReplicateObject" -> new Operation.ReplicateObject(); // no fields: the destination is the role's
            default -> throw new ApiException(ApiError.NOT_IMPLEMENTED, "Operation " + name + " is not implemented yet.");
        };
    }

    /** AWS's function ARN pattern (FunctionArnString): an ARN, or a bare name with an optional qualifier. */
    private static final java.util.regex.Pattern FUNCTION_ARN = java.util.regex.Pattern.compile(
            "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");

    private static Operation.LambdaInvoke lambda(JsonNode op, String where) {
        String arn = text(op, "FunctionArn").orElseThrow(() -> ApiException.missing(where + "/FunctionArn"));
        if (arn.length() > 1024 || !FUNCTION_ARN.matcher(arn).matches()) {
            throw ApiException.invalid(where + "/FunctionArn must be a Lambda function ARN, arn:aws:lambda:<region>:<account-id>:function:<name>.");
        }
        String version = text(op, "InvocationSchemaVersion").map(v -> OperationFields.oneOf(v, where + "/InvocationSchemaVersion", "1.0", "2.0"))
                .orElse(null); // 1.0 when absent, described as it was sent
        java.util.Map<String, String> arguments = new java.util.TreeMap<>();
        if (child(op, "UserArguments").isPresent()) {
            for (JsonNode entry : items(op.get("UserArguments"))) {
                String key = text(entry, "key").orElseThrow(() -> ApiException.missing(where + "/UserArguments/key"));
                String value = entry.has("value") ? entry.get("value").asText() : "";
                if (key.length() > 64 || value.length() > 1024 || arguments.put(key, value) != null) {
                    throw ApiException.invalid(where + "/UserArguments: unique keys of 1 to 64 characters, values of at most 1,024.");
                }
            }
            if (arguments.isEmpty() || arguments.size() > 10) {
                throw ApiException.invalid(where + "/UserArguments must hold 1 to 10 entries.");
            }
            if (!"2.0".equals(version)) {
                throw ApiException.invalid(where + "/UserArguments needs InvocationSchemaVersion 2.0.");
            }
        }
        return new Operation.LambdaInvoke(arn, version, arguments);
    }

    private static Operation.ComputeObjectChecksum checksum(JsonNode op, String where) {
        String algorithm = text(op, "ChecksumAlgorithm").orElseThrow(() -> ApiException.missing(where + "/ChecksumAlgorithm"));
        if (algorithm.startsWith("XXHASH")) {
            throw new ApiException(ApiError.NOT_IMPLEMENTED, where + "/ChecksumAlgorithm " + algorithm + " is not implemented yet.");
        }
        OperationFields.oneOf(algorithm, where + "/ChecksumAlgorithm", "CRC32", "CRC32C", "CRC64NVME", "MD5", "SHA1", "SHA256", "SHA512");
        String type = text(op, "ChecksumType").map(v -> OperationFields.oneOf(v, where + "/ChecksumType", "FULL_OBJECT", "COMPOSITE")).orElse(null);
        if ("COMPOSITE".equals(type) && algorithm.equals("CRC64NVME")) {
            throw ApiException.invalid(where + ": CRC64NVME has no COMPOSITE form (S3 keeps CRC64NVME as a full-object checksum).");
        }
        return new Operation.ComputeObjectChecksum(algorithm, type);
    }

    private static Operation.PutObjectRetention retention(JsonNode op, String where) {
        JsonNode retention = child(op, "Retention").orElseThrow(() -> ApiException.missing(where + "/Retention"));
        String mode = OperationFields.oneOf(text(retention, "Mode").orElseThrow(() -> ApiException.missing(where + "/Retention/Mode")),
                where + "/Retention/Mode", "COMPLIANCE", "GOVERNANCE");
        Instant until = OperationFields.timestamp(text(retention, "RetainUntilDate").orElseThrow(() -> ApiException.missing(where + "/Retention/RetainUntilDate")),
                where + "/Retention/RetainUntilDate");
        return new Operation.PutObjectRetention(mode, until,
                text(op, "BypassGovernanceRetention").map(v -> OperationFields.bool(v, where + "/BypassGovernanceRetention")).orElse(false));
    }

    private static String s3Tier(String tier) {
        return tier.equals("BULK") ? "Bulk" : "Standard";
    }

    private Operation.PutObjectAcl acl(JsonNode op, String where) {
        JsonNode policy = child(op, "AccessControlPolicy").orElseThrow(() -> ApiException.missing(where + "/AccessControlPolicy"));
        Optional<String> canned = text(policy, "CannedAccessControlList");
        Optional<JsonNode> list = child(policy, "AccessControlList");
        if (canned.isPresent() == list.isPresent()) {
            throw ApiException.invalid(where + "/AccessControlPolicy must give exactly one of CannedAccessControlList and AccessControlList.");
        }
        if (canned.isPresent()) {
            return Operation.PutObjectAcl.canned(OperationFields.oneOf(canned.get(), where + "/AccessControlPolicy/CannedAccessControlList",
                    CANNED_ACLS.toArray(String[]::new)));
        }
        JsonNode acl = list.get();
        String listWhere = where + "/AccessControlPolicy/AccessControlList";
        JsonNode owner = child(acl, "Owner").orElse(null);
        String ownerId = owner == null ? null : text(owner, "ID").map(v -> OperationFields.headerValue(v, listWhere + "/Owner/ID", 1024)).orElse(null);
        String ownerName = owner == null ? null : text(owner, "DisplayName").map(v -> limited(v, listWhere + "/Owner/DisplayName", 1024)).orElse(null);
        return new Operation.PutObjectAcl(null, grants(child(acl, "Grants").orElse(null), listWhere + "/Grants"), ownerId, ownerName);
    }

    private Operation.PutObjectCopy copy(JsonNode op, String where) {
        String targetArn = text(op, "TargetResource").orElseThrow(() -> ApiException.missing(where + "/TargetResource"));
        String target = d.bucket(targetArn);
        if (target == null || targetArn.length() > 1024) {
            throw ApiException.invalid(where + "/TargetResource must be a bucket ARN, " + d.arnPrefix() + "<bucket>.");
        }
        String prefix = text(op, "TargetKeyPrefix").map(v -> limited(v, where + "/TargetKeyPrefix", 1024)).orElse(null);
        boolean directives = d.copyDirectives();
        boolean prefixReplace = directives && text(op, "PrefixReplace").map(v -> OperationFields.bool(v, where + "/PrefixReplace")).orElse(false);
        String resourcesPrefix = !directives ? null : text(op, "ResourcesPrefix").map(v -> limited(v, where + "/ResourcesPrefix", 1024)).orElse(null);
        if (prefixReplace && resourcesPrefix == null) {
            throw ApiException.missing(where + "/ResourcesPrefix");
        }
        String storageClass = text(op, "StorageClass").map(v -> OperationFields.oneOf(v, where + "/StorageClass", aws
                ? new String[]{"STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"}
                : new String[]{"STANDARD", "STANDARD_IA", "ARCHIVE", "DEEP_ARCHIVE", "INTELLIGENT_TIERING", "MAZ_STANDARD", "MAZ_STANDARD_IA"})).orElse(null);
        JsonNode meta = child(op, "NewObjectMetadata").orElse(null);
        String sse = meta == null ? null : text(meta, "SSEAlgorithm").map(v -> OperationFields.oneOf(v, where + "/NewObjectMetadata/SSEAlgorithm",
                aws ? new String[]{"AES256", "KMS"} : new String[]{"AES256", "SSE-COS", "KMS"})).orElse(null);
        String kmsKey = text(op, "SSEAwsKmsKeyId").map(v -> OperationFields.headerValue(v, where + "/SSEAwsKmsKeyId", 2048)).orElse(null);
        Boolean bucketKey = text(op, "BucketKeyEnabled").map(v -> OperationFields.bool(v, where + "/BucketKeyEnabled")).orElse(null);
        Directive aclDirective = !directives ? null : text(op, "AccessControlDirective").map(v -> directive(v, where + "/AccessControlDirective")).orElse(null);
        String canned = text(op, "CannedAccessControlList").map(v -> OperationFields.oneOf(v, where + "/CannedAccessControlList",
                CANNED_ACLS.toArray(String[]::new))).orElse(null);
        List<Operation.Grant> grants = grants(child(op, "AccessControlGrants").orElse(null), where + "/AccessControlGrants");
        if (aclDirective == Directive.ADD && grants.isEmpty()) {
            throw ApiException.invalid(where + ": AccessControlDirective Add needs AccessControlGrants to add.");
        }
        Directive metadataDirective = text(op, "MetadataDirective").map(v -> directive(v, where + "/MetadataDirective")).orElse(null);
        Operation.ObjectMetadata metadata = meta == null ? Operation.ObjectMetadata.NONE : metadata(meta, where + "/NewObjectMetadata");
        Optional<JsonNode> newTags = child(op, "NewObjectTagging");
        Directive taggingDirective = !directives ? null : text(op, "TaggingDirective").map(v -> directive(v, where + "/TaggingDirective")).orElse(null);
        if (aws && newTags.isPresent() && taggingDirective == null) {
            taggingDirective = Directive.REPLACE; // AWS: NewObjectTagging replaces the tags; absent, they are copied
        }
        List<Tag> tags = newTags.map(t -> TagSets.objectTags(items(t), where + "/NewObjectTagging")).orElse(List.of());
        String lockMode = text(op, "ObjectLockMode").map(v -> OperationFields.oneOf(v, where + "/ObjectLockMode", "COMPLIANCE", "GOVERNANCE")).orElse(null);
        Instant retainUntil = text(op, "ObjectLockRetainUntilDate").map(v -> OperationFields.timestamp(v, where + "/ObjectLockRetainUntilDate")).orElse(null);
        if ((lockMode == null) != (retainUntil == null)) {
            throw ApiException.invalid(where + ": ObjectLockMode and ObjectLockRetainUntilDate go together.");
        }
        return new Operation.PutObjectCopy(target, prefix, prefixReplace, resourcesPrefix, storageClass, sse, kmsKey, bucketKey,
                aclDirective, canned, grants, metadataDirective, metadata, taggingDirective, tags,
                text(op, "ModifiedSinceConstraint").map(v -> OperationFields.timestamp(v, where + "/ModifiedSinceConstraint")).orElse(null),
                text(op, "UnModifiedSinceConstraint").map(v -> OperationFields.timestamp(v, where + "/UnModifiedSinceConstraint")).orElse(null),
                lockMode, retainUntil,
                text(op, "ObjectLockLegalHoldStatus").map(v -> OperationFields.oneOf(v, where + "/ObjectLockLegalHoldStatus", "ON", "OFF")).orElse(null),
                text(op, "ChecksumAlgorithm").map(v -> OperationFields.oneOf(v, where + "/ChecksumAlgorithm", "CRC32", "CRC32C", "SHA1",
                        "SHA256", "CRC64NVME")).orElse(null),
                text(op, "RedirectLocation").map(v -> OperationFields.headerValue(v, where + "/RedirectLocation", 2048)).orElse(null),
                text(op, "RequesterPays").map(v -> OperationFields.bool(v, where + "/RequesterPays")).orElse(null));
    }

    /** {@code COPY}/{@code REPLACE} (AWS; the console's also {@code ADD}), {@code Copy}/{@code Replaced}/{@code Add} (COS). */
    private Directive directive(String value, String where) {
        if (aws) {
            return Directive.valueOf(d.copyDirectives() ? OperationFields.oneOf(value, where, "COPY", "REPLACE", "ADD")
                    : OperationFields.oneOf(value, where, "COPY", "REPLACE"));
        }
        return switch (OperationFields.oneOf(value, where, "Copy", "Replaced", "Add")) {
            case "Copy" -> Directive.COPY;
            case "Replaced" -> Directive.REPLACE;
            default -> Directive.ADD;
        };
    }

    private String directiveName(Directive directive) {
        if (aws) {
            return directive.name();
        }
        return switch (directive) {
            case COPY -> "Copy";
            case REPLACE -> "Replaced";
            case ADD -> "Add";
        };
    }

    private Operation.ObjectMetadata metadata(JsonNode m, String where) {
        Map<String, String> user = new LinkedHashMap<>();
        int bytes = 0;
        for (JsonNode entry : items(child(m, "UserMetadata").orElse(null))) {
            String key = text(entry, "key").or(() -> text(entry, "Key")).orElseThrow(() -> ApiException.missing(where + "/UserMetadata/Key"));
            String value = entry.has("value") ? entry.get("value").asText() : entry.has("Value") ? entry.get("Value").asText() : "";
            key = OperationFields.metadataKey(key, where + "/UserMetadata");
            bytes += key.length() + OperationFields.headerValue(value, where + "/UserMetadata value", MAX_USER_METADATA).length();
            if (user.put(key, value) != null) {
                throw ApiException.invalid(where + "/UserMetadata: keys must be unique; " + key + " repeats.");
            }
        }
        if (bytes > MAX_USER_METADATA) {
            throw ApiException.invalid(where + "/UserMetadata: at most 2 KB of keys and values.");
        }
        return new Operation.ObjectMetadata(header(m, "CacheControl", where), header(m, "ContentDisposition", where),
                header(m, "ContentEncoding", where), header(m, "ContentLanguage", where), header(m, "ContentType", where),
                text(m, "HttpExpiresDate").map(v -> OperationFields.timestamp(v, where + "/HttpExpiresDate")).orElse(null), user);
    }

    private static String header(JsonNode m, String name, String where) {
        return text(m, name).map(v -> OperationFields.headerValue(v, where + "/" + name, 1024)).orElse(null);
    }

    private static List<Operation.Grant> grants(JsonNode list, String where) {
        List<Operation.Grant> grants = new ArrayList<>();
        for (JsonNode g : items(list)) {
            JsonNode grantee = child(g, "Grantee").orElseThrow(() -> ApiException.missing(where + "/Grantee"));
            String type = OperationFields.oneOf(text(grantee, "TypeIdentifier").orElseThrow(() -> ApiException.missing(where + "/Grantee/TypeIdentifier")),
                    where + "/Grantee/TypeIdentifier", "id", "emailAddress", "uri");
            // the identifier becomes part of an x-amz-grant-* header value, quoted: no quotes in it
            String identifier = OperationFields.headerValue(text(grantee, "Identifier").orElseThrow(() -> ApiException.missing(where + "/Grantee/Identifier")),
                    where + "/Grantee/Identifier", 1024);
            if (identifier.contains("\"")) {
                throw ApiException.invalid(where + "/Grantee/Identifier must not contain a quotation mark.");
            }
            String name = text(grantee, "DisplayName").map(v -> limited(v, where + "/Grantee/DisplayName", 1024)).orElse(null);
            String permission = OperationFields.oneOf(text(g, "Permission").orElseThrow(() -> ApiException.missing(where + "/Permission")),
                    where + "/Permission", PERMISSIONS.toArray(String[]::new));
            grants.add(new Operation.Grant(type, identifier, name, permission));
        }
        if (grants.size() > MAX_GRANTS) {
            throw ApiException.invalid(where + ": at most " + MAX_GRANTS + " grants.");
        }
        return grants;
    }

    private static String limited(String value, String where, int max) {
        if (value.length() > max) {
            throw ApiException.invalid(where + " must be at most " + max + " characters.");
        }
        return value;
    }

    /**
     * The dialect's name of the operation. A job created through another dialect with an operation this one has no name
     * for (AddObjectTagging; DeleteObjectTagging or PutObjectAcl on COS; DeleteObject on AWS) is shown under s3batch's name.
     */
    String name(Operation operation) {
        return operation.accept(new Operation.Visitor<String>() {
            @Override
            public String putObjectTagging(Operation.PutObjectTagging o) {
                return d.taggingOperation();
            }

            @Override
            public String addObjectTagging(Operation.AddObjectTagging o) {
                return o.name();
            }

            @Override
            public String deleteObjectTagging(Operation.DeleteObjectTagging o) {
                return aws ? "S3DeleteObjectTagging" : o.name();
            }

            @Override
            public String deleteObject(Operation.DeleteObject o) {
                return aws ? o.name() : "COSDeleteObject";
            }

            @Override
            public String putObjectAcl(Operation.PutObjectAcl o) {
                return aws ? "S3PutObjectAcl" : o.name();
            }

            @Override
            public String restoreObject(Operation.RestoreObject o) {
                return aws ? "S3InitiateRestoreObject" : "COSInitiateRestoreObject";
            }

            @Override
            public String putObjectCopy(Operation.PutObjectCopy o) {
                return aws ? "S3PutObjectCopy" : "COSPutObjectCopy";
            }

            @Override
            public String putObjectLegalHold(Operation.PutObjectLegalHold o) {
                return aws ? "S3PutObjectLegalHold" : o.name();
            }

            @Override
            public String putObjectRetention(Operation.PutObjectRetention o) {
                return aws ? "S3PutObjectRetention" : o.name();
            }

            @Override
            public String lambdaInvoke(Operation.LambdaInvoke o) {
                return o.name();
            }

            @Override
            public String computeObjectChecksum(Operation.ComputeObjectChecksum o) {
                return aws ? "S3ComputeObjectChecksum" : o.name();
            }

            @Override
            public String replicateObject(Operation.ReplicateObject o) {
                return aws ? "S3ReplicateObject" : o.name();
            }
        });
    }

    /** The operation element with its fields, as the dialect's CreateJob takes it. */
    void write(ObjectNode parent, Operation operation) {
        ObjectNode e = parent.putObject(name(operation));
        operation.accept(new Operation.Visitor<Void>() {
            @Override
            public Void putObjectTagging(Operation.PutObjectTagging o) {
                tags(e.putObject("TagSet"), o.tags(), "member");
                return null;
            }

            @Override
            public Void addObjectTagging(Operation.AddObjectTagging o) {
                tags(e.putObject("TagSet"), o.tags(), "member");
                return null;
            }

            @Override
            public Void deleteObjectTagging(Operation.DeleteObjectTagging o) {
                return null;
            }

            @Override
            public Void deleteObject(Operation.DeleteObject o) {
                return null;
            }

            @Override
            public Void putObjectAcl(Operation.PutObjectAcl o) {
                ObjectNode policy = e.putObject("AccessControlPolicy");
                if (o.cannedAcl() != null) {
                    policy.put("CannedAccessControlList", o.cannedAcl());
                    return null;
                }
                ObjectNode list = policy.putObject("AccessControlList");
                if (o.ownerId() != null) {
                    ObjectNode owner = list.putObject("Owner").put("ID", o.ownerId());
                    if (o.ownerDisplayName() != null) {
                        owner.put("DisplayName", o.ownerDisplayName());
                    }
                }
                grants(list.putObject("Grants"), o.grants());
                return null;
            }

            @Override
            public Void restoreObject(Operation.RestoreObject o) {
                if (o.days() != null) {
                    e.put("ExpirationInDays", o.days());
                }
                if (o.tier() != null) {
                    e.put(aws ? "GlacierJobTier" : "JobTier", aws ? o.tier().toUpperCase(java.util.Locale.ROOT) : o.tier());
                }
                return null;
            }

            @Override
            public Void putObjectCopy(Operation.PutObjectCopy o) {
                writeCopy(e, o);
                return null;
            }

            @Override
            public Void putObjectLegalHold(Operation.PutObjectLegalHold o) {
                e.putObject("LegalHold").put("Status", o.status());
                return null;
            }

            @Override
            public Void putObjectRetention(Operation.PutObjectRetention o) {
                if (o.bypassGovernance()) {
                    e.put("BypassGovernanceRetention", true);
                }
                e.putObject("Retention").put("RetainUntilDate", o.retainUntil().toString()).put("Mode", o.mode());
                return null;
            }

            @Override
            public Void lambdaInvoke(Operation.LambdaInvoke o) {
                e.put("FunctionArn", o.functionArn());
                putIf(e, "InvocationSchemaVersion", o.schemaVersion());
                if (!o.userArguments().isEmpty()) {
                    ArrayNode entries = e.putObject("UserArguments").putArray("entry");
                    o.userArguments().forEach((k, v) -> entries.addObject().put("key", k).put("value", v));
                }
                return null;
            }

            @Override
            public Void computeObjectChecksum(Operation.ComputeObjectChecksum o) {
                e.put("ChecksumAlgorithm", o.algorithm());
                putIf(e, "ChecksumType", o.type());
                return null;
            }

            @Override
            public Void replicateObject(Operation.ReplicateObject o) {
                return null;
            }
        });
    }

    private void writeCopy(ObjectNode e, Operation.PutObjectCopy o) {
        e.put("TargetResource", d.arnPrefix() + o.targetBucket());
        putIf(e, "TargetKeyPrefix", o.targetKeyPrefix());
        if (o.prefixReplace()) {
            e.put("PrefixReplace", true);
        }
        putIf(e, "ResourcesPrefix", o.resourcesPrefix());
        putIf(e, "StorageClass", o.storageClass());
        putIf(e, "SSEAwsKmsKeyId", o.kmsKeyId());
        if (o.bucketKeyEnabled() != null) {
            e.put("BucketKeyEnabled", o.bucketKeyEnabled());
        }
        if (o.accessControlDirective() != null) {
            e.put("AccessControlDirective", directiveName(o.accessControlDirective()));
        }
        putIf(e, "CannedAccessControlList", o.cannedAcl());
        if (!o.grants().isEmpty()) {
            grants(e.putObject("AccessControlGrants"), o.grants());
        }
        if (o.metadataDirective() != null) {
            e.put("MetadataDirective", directiveName(o.metadataDirective()));
        }
        Operation.ObjectMetadata m = o.newMetadata();
        if (!m.equals(Operation.ObjectMetadata.NONE) || o.sseAlgorithm() != null) {
            ObjectNode meta = e.putObject("NewObjectMetadata");
            putIf(meta, "CacheControl", m.cacheControl());
            putIf(meta, "ContentDisposition", m.contentDisposition());
            putIf(meta, "ContentEncoding", m.contentEncoding());
            putIf(meta, "ContentLanguage", m.contentLanguage());
            putIf(meta, "ContentType", m.contentType());
            putIf(meta, "HttpExpiresDate", m.httpExpiresDate() == null ? null : m.httpExpiresDate().toString());
            putIf(meta, "SSEAlgorithm", o.sseAlgorithm());
            if (!m.userMetadata().isEmpty()) {
                ArrayNode entries = meta.putObject("UserMetadata").putArray(aws ? "entry" : "member");
                m.userMetadata().forEach((k, v) -> entries.addObject().put(aws ? "key" : "Key", k).put(aws ? "value" : "Value", v));
            }
        }
        if (o.taggingDirective() != null && !aws) {
            e.put("TaggingDirective", directiveName(o.taggingDirective()));
        }
        if (o.taggingDirective() == Directive.REPLACE || o.taggingDirective() == Directive.ADD) {
            tags(e.putObject("NewObjectTagging"), o.newTags(), aws ? "member" : "COSTag");
        }
        putIf(e, "ModifiedSinceConstraint", o.modifiedSince() == null ? null : o.modifiedSince().toString());
        putIf(e, "UnModifiedSinceConstraint", o.unmodifiedSince() == null ? null : o.unmodifiedSince().toString());
        putIf(e, "ObjectLockMode", o.objectLockMode());
        putIf(e, "ObjectLockRetainUntilDate", o.objectLockRetainUntil() == null ? null : o.objectLockRetainUntil().toString());
        putIf(e, "ObjectLockLegalHoldStatus", o.objectLockLegalHold());
        putIf(e, "ChecksumAlgorithm", o.checksumAlgorithm());
        putIf(e, "RedirectLocation", o.redirectLocation());
        if (o.requesterPays() != null) {
            e.put("RequesterPays", o.requesterPays());
        }
    }

    /** A tag list; its items are {@code member}, but COS's copy names them {@code COSTag}. */
    private static void tags(ObjectNode parent, List<Tag> tags, String item) {
        ArrayNode list = parent.putArray(item);
        tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
    }

    private void grants(ObjectNode parent, List<Operation.Grant> grants) {
        ArrayNode list = parent.putArray(aws ? "member" : "COSGrant");
        for (Operation.Grant g : grants) {
            ObjectNode item = list.addObject();
            ObjectNode grantee = item.putObject("Grantee");
            grantee.put("TypeIdentifier", g.granteeType()).put("Identifier", g.identifier());
            putIf(grantee, "DisplayName", g.displayName());
            item.put("Permission", g.permission());
        }
    }

    private static void putIf(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
