package dev.s3batch.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The one operation a job runs on every object. Each dialect maps its own operation names onto these. Adding an
 * operation is a record here and a method in {@link Visitor}: the compiler then names every place that must handle it
 * (each dialect's reader and writer, the worker's executor), since each of them is a visitor.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Operation.PutObjectTagging.class, name = "PutObjectTagging"),
        @JsonSubTypes.Type(value = Operation.AddObjectTagging.class, name = "AddObjectTagging"),
        @JsonSubTypes.Type(value = Operation.DeleteObjectTagging.class, name = "DeleteObjectTagging"),
        @JsonSubTypes.Type(value = Operation.DeleteObject.class, name = "DeleteObject"),
        @JsonSubTypes.Type(value = Operation.PutObjectAcl.class, name = "PutObjectAcl"),
        @JsonSubTypes.Type(value = Operation.RestoreObject.class, name = "RestoreObject"),
        @JsonSubTypes.Type(value = Operation.PutObjectCopy.class, name = "PutObjectCopy"),
        @JsonSubTypes.Type(value = Operation.PutObjectLegalHold.class, name = "PutObjectLegalHold"),
        @JsonSubTypes.Type(value = Operation.PutObjectRetention.class, name = "PutObjectRetention"),
        @JsonSubTypes.Type(value = Operation.LambdaInvoke.class, name = "LambdaInvoke"),
        @JsonSubTypes.Type(value = Operation.ComputeObjectChecksum.class, name = "ComputeObjectChecksum"),
        @JsonSubTypes.Type(value = Operation.ReplicateObject.class, name = "ReplicateObject"),
})
public sealed interface Operation {

    /** The canonical operation name (the OSS one), as roles list the operations they allow. */
    default String name() {
        return getClass().getSimpleName();
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * Permissions the operation needs of the role besides its own name ({@code BypassGovernanceRetention}, as AWS's IAM
     * action {@code s3:BypassGovernanceRetention}); a role's {@code *} grants them.
     */
    default List<String> permissions() {
        return List.of();
    }

    /** Buckets the operation writes to besides the manifest's own (a copy's destination): the role must allow them too. */
    default List<String> destinationBuckets() {
        return List.of();
    }

    /** One method per operation: what a reader, writer or executor does with each. */
    interface Visitor<R> {
        R putObjectTagging(PutObjectTagging op);

        R addObjectTagging(AddObjectTagging op);

        R deleteObjectTagging(DeleteObjectTagging op);

        R deleteObject(DeleteObject op);

        R putObjectAcl(PutObjectAcl op);

        R restoreObject(RestoreObject op);

        R putObjectCopy(PutObjectCopy op);

        R putObjectLegalHold(PutObjectLegalHold op);

        R putObjectRetention(PutObjectRetention op);

        R lambdaInvoke(LambdaInvoke op);

        R computeObjectChecksum(ComputeObjectChecksum op);

        R replicateObject(ReplicateObject op);
    }

    /** Replaces the object's whole tag set. */
    record PutObjectTagging(List<Tag> tags) implements Operation {
        public PutObjectTagging {
            tags = List.copyOf(tags);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectTagging(this);
        }
    }

    /**
     * Adds tags to the object's own (OSS AddObjectTagging): a key it already has takes the new value; an object that
     * would end with more than 10 tags, or over 1 KB of them, fails alone.
     */
    record AddObjectTagging(List<Tag> tags) implements Operation {
        public AddObjectTagging {
            tags = List.copyOf(tags);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addObjectTagging(this);
        }
    }

    /** Removes every tag of the object (OSS DeleteObjectTagging, AWS S3DeleteObjectTagging). */
    record DeleteObjectTagging() implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteObjectTagging(this);
        }
    }

    /**
     * Deletes the object (COS COSDeleteObject); a manifest row with a version id deletes that version. A key that does
     * not exist is reported as the store answers it (S3: 204).
     */
    record DeleteObject() implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteObject(this);
        }
    }

    /**
     * Sets the object's ACL (OSS PutObjectAcl, AWS S3PutObjectAcl): a canned ACL, or a list of grants (with the owner
     * the client named, or the object's own). OSS's {@code default} ("inherit the bucket's ACL") is applied as a copy of
     * the bucket's ACL taken when the task runs, as S3 stores have no inheritance.
     *
     * @param cannedAcl {@code private}, {@code public-read}, … or {@code default}; null when {@code grants} are given
     */
    record PutObjectAcl(String cannedAcl, List<Grant> grants, String ownerId, String ownerDisplayName) implements Operation {
        public static final String INHERIT_BUCKET = "default";

        public PutObjectAcl {
            grants = grants == null ? List.of() : List.copyOf(grants);
        }

        public static PutObjectAcl canned(String acl) {
            return new PutObjectAcl(acl, List.of(), null, null);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectAcl(this);
        }
    }

    /**
     * Restores an archived object for {@code days} (OSS RestoreObject, COS COSInitiateRestoreObject, AWS
     * S3InitiateRestoreObject), sent as the store's {@code POST ?restore}.
     *
     * @param days how long the restored copy stays; null when the client gave none (AWS, Intelligent-Tiering)
     * @param tier {@code Standard}, {@code Bulk} or {@code Expedited} (S3's spelling); null when the client gave none
     */
    record RestoreObject(Integer days, String tier) implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restoreObject(this);
        }
    }

    /**
     * Copies each object (AWS S3PutObjectCopy, COS COSPutObjectCopy) to {@code targetBucket}, under a key made from its
     * own by the prefix rules. A null directive is the dialect's default: metadata and tags are copied, and the ACL is the
     * store's default unless {@code cannedAcl} or {@code grants} are given (AWS).
     *
     * @param targetKeyPrefix put before the key (or, with {@code prefixReplace}, in place of {@code resourcesPrefix})
     * @param prefixReplace COS: replace {@code resourcesPrefix} at the start of the key by {@code targetKeyPrefix} (none: delete it)
     * @param sseAlgorithm {@code AES256}, {@code KMS} (AWS) or {@code SSE-COS}, as the client spelled it; null: none
     */
    record PutObjectCopy(
            String targetBucket,
            String targetKeyPrefix,
            boolean prefixReplace,
            String resourcesPrefix,
            String storageClass,
            String sseAlgorithm,
            String kmsKeyId,
            Boolean bucketKeyEnabled,
            Directive accessControlDirective,
            String cannedAcl,
            List<Grant> grants,
            Directive metadataDirective,
            ObjectMetadata newMetadata,
            Directive taggingDirective,
            List<Tag> newTags,
            java.time.Instant modifiedSince,
            java.time.Instant unmodifiedSince,
            String objectLockMode,
            java.time.Instant objectLockRetainUntil,
            String objectLockLegalHold,
            String checksumAlgorithm,
            String redirectLocation,
            Boolean requesterPays) implements Operation {

        public PutObjectCopy {
            grants = grants == null ? List.of() : List.copyOf(grants);
            newTags = newTags == null ? List.of() : List.copyOf(newTags);
            newMetadata = newMetadata == null ? ObjectMetadata.NONE : newMetadata;
        }

        /** A plain copy to {@code bucket}: metadata, tags as the source's, nothing else set. */
        public static PutObjectCopy to(String bucket) {
            return new PutObjectCopy(bucket, null, false, null, null, null, null, null, null, null, List.of(), null,
                    null, null, List.of(), null, null, null, null, null, null, null, null);
        }

        @Override
        public List<String> destinationBuckets() {
            return List.of(targetBucket);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectCopy(this);
        }
    }

    /** Sets or clears the object's legal hold (AWS S3PutObjectLegalHold); {@code status} is {@code ON} or {@code OFF}. */
    record PutObjectLegalHold(String status) implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectLegalHold(this);
        }
    }

    /**
     * Sets the object's retention (AWS S3PutObjectRetention): {@code GOVERNANCE} or {@code COMPLIANCE} until
     * {@code retainUntil}; {@code bypassGovernance} lets it shorten or lift a GOVERNANCE retention, if the role may.
     */
    record PutObjectRetention(String mode, java.time.Instant retainUntil, boolean bypassGovernance) implements Operation {
        public static final String BYPASS_PERMISSION = "BypassGovernanceRetention";

        @Override
        public List<String> permissions() {
            return bypassGovernance ? List.of(BYPASS_PERMISSION) : List.of();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.putObjectRetention(this);
        }
    }

    /** What a copy does with the source's ACL, metadata or tags: keep them, replace them, or add to them (COS). */
    enum Directive { COPY, REPLACE, ADD }

    /**
     * One ACL grant: grantee type {@code id}, {@code emailAddress} or {@code uri} (AWS's TypeIdentifier), and a
     * permission ({@code READ}, {@code WRITE}, {@code READ_ACP}, {@code WRITE_ACP}, {@code FULL_CONTROL}).
     */
    record Grant(String granteeType, String identifier, String displayName, String permission) {
    }

    /** Metadata a copy sets; null fields are not set. {@code httpExpiresDate} is an instant. */
    record ObjectMetadata(String cacheControl, String contentDisposition, String contentEncoding, String contentLanguage,
            String contentType, java.time.Instant httpExpiresDate, java.util.Map<String, String> userMetadata) {
        public static final ObjectMetadata NONE = new ObjectMetadata(null, null, null, null, null, null, java.util.Map.of());

        public ObjectMetadata {
            userMetadata = userMetadata == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userMetadata));
        }
    }

    /**
     * Hands each object to a function (AWS LambdaInvoke), which s3batch calls as a webhook: the operator maps the
     * function's ARN to an HTTP endpoint ({@code s3batch.functions.*}). {@code schemaVersion} is the invocation
     * event's, {@code 1.0} (also when null: not given) or {@code 2.0}; {@code userArguments} (2.0 only) go into every event.
     */
    record LambdaInvoke(String functionArn, String schemaVersion, java.util.Map<String, String> userArguments) implements Operation {
        public LambdaInvoke {
            userArguments = userArguments == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(userArguments));
        }

        /** The invocation event's schema version: as given, 1.0 by default. */
        public String eventVersion() {
            return schemaVersion == null ? "1.0" : schemaVersion;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.lambdaInvoke(this);
        }
    }

    /**
     * Computes each object's checksum (AWS S3ComputeObjectChecksum) by reading it, and reports it: {@code algorithm}
     * CRC32, CRC32C, CRC64NVME, MD5, SHA1, SHA256 or SHA512; {@code type} FULL_OBJECT (also when null: not given) or
     * COMPOSITE (the checksum of the parts' checksums, for a multipart object).
     */
    record ComputeObjectChecksum(String algorithm, String type) implements Operation {
        /** The checksum type: as given, FULL_OBJECT by default. */
        public String checksumType() {
            return type == null ? "FULL_OBJECT" : type;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.computeObjectChecksum(this);
        }
    }

    /**
     * Replicates each object — the manifest row's version, or the current one — to the replication destination the
     * operator configured for the job's role ({@code s3batch.roles.<id>.replication.*}: another bucket, on the same
     * store or another S3 endpoint with its own keys), with its content, metadata, tags and ACL (AWS S3ReplicateObject,
     * which takes no fields: the destination is the role's, as AWS's is the bucket's replication configuration).
     */
    record ReplicateObject() implements Operation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.replicateObject(this);
        }
    }
}
