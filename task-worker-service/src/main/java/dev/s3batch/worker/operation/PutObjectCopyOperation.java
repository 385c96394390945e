package dev.s3batch.worker.operation;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.Multimap;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Operation.Directive;
import dev.s3batch.model.manifest.S3Keys;
import dev.s3batch.worker.config.CopyConfig;
import dev.s3batch.worker.s3.StoreClient;
import dev.s3batch.worker.service.S3Failure;
import io.minio.DeleteObjectTagsArgs;
import io.minio.GetObjectTagsArgs;
import io.minio.SetObjectTagsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.Xml;
import io.minio.http.Method;
import io.minio.messages.CopyPartResult;
import io.minio.messages.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Copies one object (S3PutObjectCopy, COSPutObjectCopy) to the job's target bucket, under the key the prefix rules
 * give. A plain copy is one CopyObject carrying every header the job asks for (metadata directive, storage class,
 * encryption, ACL, object lock, the source's conditions). The source is read first (HEAD, and its tags or ACL) only
 * when the copy needs it ({@link #readsSourceFirst}); then, above {@link CopyConfig#multipartThreshold()} — or when
 * the store refuses one CopyObject as too large — the copy is multipart: CreateMultipartUpload with the metadata the
 * copy must have, UploadPartCopy of the ranges {@link CopyConfig#partConcurrency()} at a time,
 * CompleteMultipartUpload (aborted on failure).
 * <p>
 * What a store may not do itself is then done explicitly, so the copy ends as the job asked on any S3 store: the tags
 * are put on the copy whenever they are not plainly copied (Ceph RGW ignores the tagging directive and drops tags when
 * metadata is replaced; multipart copies none), the object-lock fields are put on it (RGW honours the copy's headers
 * only sometimes), the source's ACL for the COS directives Copy and Add; and a store that answers a CopyObject without
 * the encryption asked for (RGW ignores it there) gets the copy made again by multipart, which it does encrypt — if the
 * copy is still not encrypted, it is removed and the task fails saying so.
 */
public final class PutObjectCopyOperation implements ObjectOperation {
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private final Operation.PutObjectCopy op;
    private final CopyConfig.Settings settings;
    /** Set once a store answers a CopyObject without the encryption asked for: the batch's next copies go multipart. */
    private volatile boolean storeIgnoresCopyEncryption;

    public PutObjectCopyOperation(Operation.PutObjectCopy op, CopyConfig.Settings settings) {
        this.op = op;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) throws Exception {
        String target = targetKey(op, task.key());
        Outcome copied = new Outcome(200, op.targetBucket() + "/" + S3Keys.encode(target));
        if (!readsSourceFirst()) {
            // one request: the store copies what it can in one CopyObject; a larger object is read, then copied by multipart
            return singleCopy(s3, task, target, Source.UNREAD).thenApply(none -> Source.UNREAD)
                    .exceptionallyCompose(e -> tooLargeForOneCopy(e)
                            ? readSource(s3, task).thenCompose(source -> copy(s3, task, target, source).thenApply(none -> source))
                            : CompletableFuture.failedFuture(e))
                    .thenCompose(source -> finish(s3, target, source))
                    .thenApply(none -> copied);
        }
        return readSource(s3, task)
                .thenCompose(source -> copy(s3, task, target, source).thenCompose(none -> finish(s3, target, source)))
                .thenApply(none -> copied);
    }

    /**
     * Whether the copy needs the source read before it is made: its size (the multipart threshold is set below S3's own
     * 5 GiB), its metadata (Add), its tags (Add, or to put them back when metadata is replaced), its ACL (Copy, Add), or
     * encryption (which a store may ignore on CopyObject). A plain copy is one request per object.
     */
    private boolean readsSourceFirst() {
        return settings.multipartThreshold() < CopyConfig.Settings.S3_COPY_LIMIT || metadataDirective() == Directive.ADD
                || taggingDirective() == Directive.ADD || (taggingDirective() == Directive.COPY && metadataDirective() != Directive.COPY)
                || copiesSourceAcl() || op.sseAlgorithm() != null;
    }

    /** COS AccessControlDirective Copy or Add: the copy starts from the source's ACL. */
    private boolean copiesSourceAcl() {
        return aclDirective() == Directive.COPY || aclDirective() == Directive.ADD;
    }

    /** The store refuses one CopyObject of an object this large (S3: InvalidRequest "…larger than the maximum…"; RGW: EntityTooLarge). */
    static boolean tooLargeForOneCopy(Throwable e) {
        S3Failure failure = S3Failure.of(e);
        return "EntityTooLarge".equals(failure.code()) || ("InvalidRequest".equals(failure.code()) && failure.message().contains("larger than"));
    }

    private CompletableFuture<Source> readSource(StoreClient s3, TaskRef task) {
        return StoreClient.call(() -> s3.statObject(StatObjectArgs.builder().bucket(task.bucket()).object(task.key())
                        .versionId(task.versionId()).build()))
                .thenCompose(source -> {
                    checkConditions(source);
                    CompletableFuture<Map<String, String>> tags = sourceTagsNeeded(source) ? sourceTags(s3, task) : done(null);
                    CompletableFuture<String> acl = copiesSourceAcl()
                            ? s3.send(Method.GET, task.bucket(), task.key(), StoreClient.none(), StoreClient.subresource("acl", task.versionId()), null)
                                    .thenApply(StoreClient.Answer::body)
                            : done(null);
                    return tags.thenCombine(acl, (t, a) -> new Source(source, t, a));
                });
    }

    /** What was read of the source: its HEAD, its tags (when the copy needs them), its ACL document (COS Copy/Add). */
    private record Source(StatObjectResponse head, Map<String, String> tags, String acl) {
        /** A plain copy's: nothing read. */
        static final Source UNREAD = new Source(null, null, null);

        long size() {
            return head.size();
        }
    }

    /** The destination key: the prefix rules applied to the source key. */
    static String targetKey(Operation.PutObjectCopy op, String key) {
        String rest = key;
        if (op.prefixReplace()) {
            String old = op.resourcesPrefix() == null ? "" : op.resourcesPrefix();
            if (!key.startsWith(old)) {
                throw new TaskFailure(400, "InvalidArgument", "The key does not begin with ResourcesPrefix " + old
                        + ", so the prefix cannot be replaced.");
            }
            rest = key.substring(old.length());
        }
        String target = (op.targetKeyPrefix() == null ? "" : op.targetKeyPrefix()) + rest;
        if (target.isEmpty()) {
            throw new TaskFailure(400, "InvalidArgument", "Removing the prefix leaves an empty key.");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new TaskFailure(400, "KeyTooLongError", "The destination key would be longer than 1,024 bytes.");
        }
        return target;
    }

    /** ModifiedSinceConstraint and UnModifiedSinceConstraint, checked on the HEAD (and sent to the store as well). */
    private void checkConditions(StatObjectResponse source) {
        Instant modified = source.lastModified().toInstant();
        if (op.modifiedSince() != null && !modified.isAfter(op.modifiedSince())) {
            throw new TaskFailure(412, "PreconditionFailed", "The object was not modified since " + op.modifiedSince() + ".");
        }
        if (op.unmodifiedSince() != null && modified.isAfter(op.unmodifiedSince())) {
            throw new TaskFailure(412, "PreconditionFailed", "The object was modified since " + op.unmodifiedSince() + ".");
        }
    }

    private Directive metadataDirective() {
        return op.metadataDirective() == null ? Directive.COPY : op.metadataDirective();
    }

    private Directive taggingDirective() {
        return op.taggingDirective() == null ? Directive.COPY : op.taggingDirective();
    }

    /** The ACL directive; null: the ACL headers the job gives, if any (AWS), else the store's default. */
    private Directive aclDirective() {
        return op.accessControlDirective();
    }

    private boolean multipart(long size) {
        return size > settings.multipartThreshold() || (op.sseAlgorithm() != null && storeIgnoresCopyEncryption);
    }

    /** Whether the copy needs the source's tags read: to add to them, or to put them back where a store would not copy them. */
    private boolean sourceTagsNeeded(StatObjectResponse source) {
        String count = source.headers().get("x-amz-tagging-count");
        boolean hasTags = count == null || !count.equals("0");
        return taggingDirective() == Directive.ADD
                || (taggingDirective() == Directive.COPY && hasTags && (metadataDirective() != Directive.COPY || multipart(source.size())));
    }

    private static CompletableFuture<Map<String, String>> sourceTags(StoreClient s3, TaskRef task) {
        return StoreClient.call(() -> s3.getObjectTags(GetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                .versionId(task.versionId()).build())).thenApply(tags -> new LinkedHashMap<>(tags.get()));
    }

    /** Makes the copy; completes when it exists with the encryption asked for. */
    private CompletableFuture<Void> copy(StoreClient s3, TaskRef task, String target, Source source) {
        if (multipart(source.size())) {
            return multipartCopy(s3, task, target, source).thenCompose(none -> checkEncrypted(s3, target));
        }
        return singleCopy(s3, task, target, source);
    }

    private CompletableFuture<Void> singleCopy(StoreClient s3, TaskRef task, String target, Source source) {
        Multimap<String, String> headers = objectHeaders(source, true);
        headers.put("x-amz-copy-source", copySource(task));
        conditions(headers);
        return s3.send(Method.PUT, op.targetBucket(), target, headers, StoreClient.none(), null).thenCompose(answer -> {
            if (answer.body().contains("<Error>")) {
                // S3 may answer a long copy with 200 and an error document; the copy did not happen (retried)
                return CompletableFuture.failedFuture(new IOException("the store answered the copy with an error document"));
            }
            if (op.sseAlgorithm() != null && answer.header("x-amz-server-side-encryption") == null) {
                // the store made the copy unencrypted: make it again by multipart; if that fails, no unencrypted copy stays
                storeIgnoresCopyEncryption = true;
                return multipartCopy(s3, task, target, source).thenCompose(none -> checkEncrypted(s3, target))
                        .exceptionallyCompose(e -> removeQuietly(s3, target, answer.header("x-amz-version-id"))
                                .thenCompose(removed -> CompletableFuture.<Void>failedFuture(e)));
            }
            return done(null);
        });
    }

    /** A copy the store did not encrypt as asked is removed, and the task fails. */
    private CompletableFuture<Void> checkEncrypted(StoreClient s3, String target) {
        if (op.sseAlgorithm() == null) {
            return done(null);
        }
        return s3.send(Method.HEAD, op.targetBucket(), target, StoreClient.none(), StoreClient.none(), null).thenCompose(head -> {
            if (head.header("x-amz-server-side-encryption") != null) {
                return done(null);
            }
            return removeQuietly(s3, target, head.header("x-amz-version-id")).thenCompose(removed -> CompletableFuture.failedFuture(new TaskFailure(501, "NotImplemented",
                    "The store made the copy but did not encrypt it with " + op.sseAlgorithm() + " as the job asks; "
                            + (removed ? "the unencrypted copy was removed." : "the unencrypted copy could not be removed: it is at "
                            + op.targetBucket() + "/" + S3Keys.encode(target) + "."))));
        });
    }

    /** Removes the copy — its version, on a versioned bucket, so none stays behind a delete marker; true when removed. */
    private CompletableFuture<Boolean> removeQuietly(StoreClient s3, String target, String versionId) {
        return s3.send(Method.DELETE, op.targetBucket(), target, StoreClient.none(),
                        versionId == null || versionId.equals("null") ? StoreClient.none() : ImmutableMultimap.of("versionId", versionId), null)
                .thenApply(answer -> true).exceptionally(e -> false);
    }

    /** CreateMultipartUpload, UploadPartCopy of each range ({@code partConcurrency} at once), CompleteMultipartUpload. */
    private CompletableFuture<Void> multipartCopy(StoreClient s3, TaskRef task, String target, Source source) {
        Multimap<String, String> headers = objectHeaders(source, false);
        long size = source.size();
        long partSize = settings.partSizeFor(size);
        int parts = (int) Math.max(1, (size + partSize - 1) / partSize);
        return StoreClient.call(() -> s3.createMultipartUploadAsync(op.targetBucket(), null, target, headers, null)).thenCompose(created -> {
                String uploadId = created.result().uploadId();
                Part[] done = new Part[parts];
                List<CompletableFuture<Void>> lanes = new ArrayList<>();
                for (int lane = 0; lane < Math.min(parts, settings.partConcurrency()); lane++) {
                    CompletableFuture<Void> chain = done(null);
                    for (int p = lane; p < parts; p += settings.partConcurrency()) {
                        int number = p + 1;
                        long first = p * partSize;
                        long last = Math.min(size, first + partSize) - 1;
                        chain = chain.thenCompose(none -> uploadPartCopy(s3, task, target, uploadId, number, first, last)
                                .thenAccept(etag -> done[number - 1] = new Part(number, etag)));
                    }
                    lanes.add(chain);
                }
                return s3.abortingOnFailure(CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
                        .thenCompose(all -> StoreClient.call(() -> s3.completeMultipartUploadAsync(op.targetBucket(), null, target, uploadId,
                                done, null, null)))
                        .<Void>thenApply(completed -> null), op.targetBucket(), target, uploadId);
            });
    }

    /**
     * One UploadPartCopy, sent without a body digest: MinIO's own {@code uploadPartCopyAsync} sends the Content-MD5 of
     * an empty body, which Ceph RGW checks against the copied range and answers 400 BadDigest.
     */
    private CompletableFuture<String> uploadPartCopy(StoreClient s3, TaskRef task, String target, String uploadId, int number,
            long first, long last) {
        Multimap<String, String> headers = LinkedListMultimap.create();
        headers.put("x-amz-copy-source", copySource(task));
        headers.put("x-amz-copy-source-range", "bytes=" + first + "-" + last);
        conditions(headers);
        return s3.sendWithoutDigest(Method.PUT, op.targetBucket(), target, headers,
                        ImmutableMultimap.of("partNumber", Integer.toString(number), "uploadId", uploadId))
                .thenApply(answer -> {
                    try {
                        return Xml.unmarshal(CopyPartResult.class, answer.body()).etag();
                    } catch (io.minio.errors.XmlParserException e) {
                        throw new java.util.concurrent.CompletionException(new IOException("the store's UploadPartCopy answer could not be read"));
                    }
                });
    }

    /** The tags and ACL a store would not have given the copy, put on it. */
    private CompletableFuture<Void> finish(StoreClient s3, String target, Source source) {
        Map<String, String> tags = switch (taggingDirective()) {
            case REPLACE -> dev.s3batch.model.job.Tag.asMap(op.newTags());
            case ADD -> AddObjectTaggingOperation.merge(source.tags(), dev.s3batch.model.job.Tag.asMap(op.newTags()));
            case COPY -> source.tags(); // null when the store copies them itself (or there are none)
        };
        CompletableFuture<Void> tagged = tags == null ? done(null) : tags.isEmpty()
                ? StoreClient.call(() -> s3.deleteObjectTags(DeleteObjectTagsArgs.builder().bucket(op.targetBucket()).object(target).build()))
                : StoreClient.call(() -> s3.setObjectTags(SetObjectTagsArgs.builder().bucket(op.targetBucket()).object(target).tags(tags).build()));
        CompletableFuture<Void> locked = tagged.thenCompose(none -> objectLock(s3, target));
        if (source.acl() == null) {
            return locked;
        }
        String acl = aclDirective() == Directive.ADD ? PutObjectAclOperation.withGrants(source.acl(), op.grants()) : source.acl();
        return locked.thenCompose(none -> s3.send(Method.PUT, op.targetBucket(), target, StoreClient.none(),
                StoreClient.subresource("acl"), acl)).thenApply(answer -> null);
    }

    /**
     * The object-lock fields put on the copy explicitly, by the legal-hold and retention executors: Ceph RGW honours the
     * copy's object-lock headers only in some cases (not with a metadata directive, nor from another bucket).
     */
    private CompletableFuture<Void> objectLock(StoreClient s3, String target) {
        TaskRef copy = TaskRef.of(op.targetBucket(), target, null);
        CompletableFuture<Outcome> hold = op.objectLockLegalHold() == null ? done(null)
                : StoreClient.call(() -> ObjectOperations.legalHold(new Operation.PutObjectLegalHold(op.objectLockLegalHold())).run(s3, copy));
        return hold.thenCompose(held -> op.objectLockMode() == null ? done(null) : StoreClient.call(() -> ObjectOperations.retention(
                new Operation.PutObjectRetention(op.objectLockMode(), op.objectLockRetainUntil(), false)).run(s3, copy))).thenApply(set -> null);
    }

    /**
     * The headers that make the new object: metadata (the directive for a CopyObject; for a multipart copy, which
     * copies none, the source's or the job's explicitly), storage class, encryption, ACL, object lock, redirect.
     */
    Multimap<String, String> objectHeaders(Source source, boolean copyObject) {
        Multimap<String, String> h = LinkedListMultimap.create();
        Directive metadata = metadataDirective();
        if (copyObject && metadata == Directive.COPY) {
            h.put("x-amz-metadata-directive", "COPY");
        } else {
            if (copyObject) {
                h.put("x-amz-metadata-directive", "REPLACE");
            }
            metadata(h, metadata == Directive.REPLACE ? Map.of() : sourceMetadata(source.head()));
        }
        if (copyObject) {
            // tags are put on the copy afterwards unless plainly copied; REPLACE with none keeps a store from copying them
            h.put("x-amz-tagging-directive", taggingDirective() == Directive.COPY && source.tags() == null ? "COPY" : "REPLACE");
        }
        if (op.storageClass() != null) {
            h.put("x-amz-storage-class", op.storageClass());
        }
        if (op.sseAlgorithm() != null) {
            boolean kms = op.sseAlgorithm().equalsIgnoreCase("KMS") || op.sseAlgorithm().equals("aws:kms");
            h.put("x-amz-server-side-encryption", kms ? "aws:kms" : "AES256");
            if (kms && op.kmsKeyId() != null) {
                h.put("x-amz-server-side-encryption-aws-kms-key-id", op.kmsKeyId());
            }
            if (op.bucketKeyEnabled() != null) {
                h.put("x-amz-server-side-encryption-bucket-key-enabled", op.bucketKeyEnabled().toString());
            }
        }
        if (aclDirective() == null || aclDirective() == Directive.REPLACE) {
            if (op.cannedAcl() != null) {
                h.put("x-amz-acl", op.cannedAcl());
            }
            grantHeaders(h, op.grants());
        }
        if (op.objectLockMode() != null) {
            h.put("x-amz-object-lock-mode", op.objectLockMode());
        }
        if (op.objectLockRetainUntil() != null) {
            h.put("x-amz-object-lock-retain-until-date", op.objectLockRetainUntil().toString());
        }
        if (op.objectLockLegalHold() != null) {
            h.put("x-amz-object-lock-legal-hold", op.objectLockLegalHold());
        }
        if (op.redirectLocation() != null) {
            h.put("x-amz-website-redirect-location", op.redirectLocation());
        }
        if (op.checksumAlgorithm() != null) {
            h.put("x-amz-checksum-algorithm", op.checksumAlgorithm());
        }
        if (Boolean.TRUE.equals(op.requesterPays())) {
            h.put("x-amz-request-payer", "requester");
        }
        return h;
    }

    /** The source's metadata as headers: the standard ones and its user metadata. */
    static Map<String, String> sourceMetadata(StatObjectResponse head) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires")) {
            String value = head.headers().get(name);
            if (value != null) {
                m.put(name, value);
            }
        }
        head.userMetadata().forEach((k, v) -> m.put("x-amz-meta-" + k, v));
        return m;
    }

    /** {@code base} (header → value) with the job's NewObjectMetadata put over it. */
    private void metadata(Multimap<String, String> h, Map<String, String> base) {
        Operation.ObjectMetadata m = op.newMetadata();
        Map<String, String> all = new LinkedHashMap<>(base);
        putIf(all, "Content-Type", m.contentType());
        putIf(all, "Cache-Control", m.cacheControl());
        putIf(all, "Content-Disposition", m.contentDisposition());
        putIf(all, "Content-Encoding", m.contentEncoding());
        putIf(all, "Content-Language", m.contentLanguage());
        putIf(all, "Expires", m.httpExpiresDate() == null ? null : HTTP_DATE.format(m.httpExpiresDate()));
        m.userMetadata().forEach((k, v) -> all.put("x-amz-meta-" + k, v));
        all.forEach(h::put);
    }

    private static void putIf(Map<String, String> m, String name, String value) {
        if (value != null) {
            m.put(name, value);
        }
    }

    /** Grants as {@code x-amz-grant-<permission>: id="…", uri="…"} headers. */
    static void grantHeaders(Multimap<String, String> h, List<Operation.Grant> grants) {
        Map<String, List<String>> byHeader = new LinkedHashMap<>();
        for (Operation.Grant g : grants) {
            String header = "x-amz-grant-" + g.permission().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            byHeader.computeIfAbsent(header, k -> new ArrayList<>()).add(g.granteeType() + "=\"" + g.identifier() + "\"");
        }
        byHeader.forEach((header, values) -> h.put(header, String.join(", ", values)));
    }

    private void conditions(Multimap<String, String> h) {
        if (op.modifiedSince() != null) {
            h.put("x-amz-copy-source-if-modified-since", HTTP_DATE.format(op.modifiedSince()));
        }
        if (op.unmodifiedSince() != null) {
            h.put("x-amz-copy-source-if-unmodified-since", HTTP_DATE.format(op.unmodifiedSince()));
        }
    }

    /** {@code /bucket/key[?versionId=v]}, the key URL-encoded with its slashes kept. */
    static String copySource(TaskRef task) {
        String source = "/" + task.bucket() + "/" + S3Keys.encode(task.key()).replace("%2F", "/");
        return task.versionId() == null ? source : source + "?versionId=" + S3Keys.encode(task.versionId());
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
