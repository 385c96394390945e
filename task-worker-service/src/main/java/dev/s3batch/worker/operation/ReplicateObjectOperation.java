package dev.s3batch.worker.operation;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.Multimap;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Operation.Directive;
import dev.s3batch.model.manifest.S3Keys;
import dev.s3batch.model.role.ReplicationTarget;
import dev.s3batch.worker.config.CopyConfig;
import dev.s3batch.worker.s3.StoreClient;
import dev.s3batch.worker.service.S3Failure;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetObjectTagsArgs;
import io.minio.SetObjectTagsArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.Xml;
import io.minio.http.Method;
import io.minio.messages.Part;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS S3ReplicateObject on any S3 store: the task's object — the manifest row's version, or the current one — is
 * written to the role's replication destination ({@link ReplicationTarget}) under the same key, with its content, its
 * metadata (standard headers and user metadata), its tags and its ACL, and stamped with what it is a replica of (user
 * metadata {@code s3batch-source-version-id}, {@code s3batch-source-etag}, {@code s3batch-source-last-modified}).
 * <ul>
 * <li>On the role's own store with its own keys, the replica is a server-side copy ({@link PutObjectCopyOperation}:
 * one CopyObject, multipart above the copy threshold). Elsewhere — another endpoint or other keys — the object is
 * streamed from a GET into a PutObject (multipart UploadParts above the threshold), never held whole; grants to the
 * source's owner become grants to the destination bucket's owner, as a canonical id means nothing on another store.</li>
 * <li>A destination whose current object is already a replica of this version (same version id and ETag) is left as it
 * is: a job run again, or a task retried after a crash, writes nothing twice.</li>
 * <li>Versions of one key keep their order: when the destination's current object is a replica of a <em>newer</em>
 * source version, the older version is written as a non-current version (versioned destination: written, then the newer
 * replica copied back on top; not when one of the destination's versions already is its replica) or not at all
 * (unversioned destination: it would overwrite the newer one). Tasks of one batch on the same key run one after another.</li>
 * </ul>
 * Not replicated: object-lock settings and the source's version ids (an S3 API cannot set a version id; the replica's
 * metadata names it), nor delete markers (a manifest names objects).
 */
public final class ReplicateObjectOperation implements ObjectOperation {
    static final String SOURCE_VERSION = "s3batch-source-version-id";
    static final String SOURCE_ETAG = "s3batch-source-etag";
    static final String SOURCE_MODIFIED = "s3batch-source-last-modified";

    private final ReplicationTarget target;
    /** The client of the other store (or other keys); null: the replicas are copied by the source's own client. */
    private final StoreClient elsewhere;
    private final CopyConfig.Settings settings;
    /** The last task started on each key of this batch: the next one on the key waits for it. */
    private final Map<String, CompletableFuture<Outcome>> lastOnKey = new ConcurrentHashMap<>();
    /** The destination bucket's owner ({@code [id, display name]}), read once per batch when an ACL is translated. */
    private volatile CompletableFuture<String[]> destinationOwner;

    public ReplicateObjectOperation(ReplicationTarget target, StoreClient elsewhere, CopyConfig.Settings settings) {
        this.target = target;
        this.elsewhere = elsewhere;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> before = lastOnKey.put(task.key(), mine);
        CompletableFuture<?> after = before == null ? CompletableFuture.completedFuture(null) : before.handle((r, e) -> null);
        after.thenCompose(none -> StoreClient.call(() -> replicate(s3, task))).whenComplete((outcome, e) -> {
            lastOnKey.remove(task.key(), mine);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(outcome);
            }
        });
        return mine;
    }

    private CompletableFuture<Outcome> replicate(StoreClient s3, TaskRef task) throws Exception {
        StoreClient destination = elsewhere == null ? s3 : elsewhere;
        return s3.statObject(StatObjectArgs.builder().bucket(task.bucket()).object(task.key()).versionId(task.versionId()).build())
                .thenCompose(source -> current(destination, task.key())
                        .thenCompose(current -> replicate(s3, destination, task, source, current)));
    }

    /** Writes the source version {@code source} unless {@code current}, the destination's current object, says otherwise. */
    private CompletableFuture<Outcome> replicate(StoreClient s3, StoreClient destination, TaskRef task, StatObjectResponse source,
            Optional<StatObjectResponse> current) {
        String written = target.bucket() + "/" + S3Keys.encode(task.key());
        Replica of = Replica.of(source);
        if (current.isEmpty()) {
            return write(s3, task, source, of).thenApply(none -> new Outcome(200, written));
        }
        if (of.isReplicatedBy(current.get())) {
            return done(new Outcome(200, written + " (already a replica of this version)"));
        }
        String newerVersion = current.get().versionId();
        return isNewerReplica(s3, task, of, current.get()).thenCompose(newer -> {
            if (!newer) {
                return write(s3, task, source, of).thenApply(none -> new Outcome(200, written));
            }
            if (newerVersion == null || newerVersion.equals("null")) {
                return done(new Outcome(200, written + " (not written: the destination holds a replica of a newer version and keeps no versions)"));
            }
            // an older version: kept as a non-current version, under the newer one's replica
            return hasReplica(destination, task.key(), of, null).thenCompose(found -> found
                    ? done(new Outcome(200, written + " (already a replica of this version, non-current)"))
                    : write(s3, task, source, of).thenCompose(none -> restore(destination, task.key(), newerVersion))
                            .thenApply(none -> new Outcome(200, written + " (as a non-current version)")));
        });
    }

    /**
     * Whether the destination's current object is a replica of a newer version of the source than {@code of}: by the
     * versions' times, and where they are the same second (S3 keeps seconds), by the source's own order of versions.
     */
    private CompletableFuture<Boolean> isNewerReplica(StoreClient s3, TaskRef task, Replica of, StatObjectResponse current) {
        String version = current.userMetadata().get(SOURCE_VERSION);
        Instant modified;
        try {
            modified = Instant.parse(current.userMetadata().getOrDefault(SOURCE_MODIFIED, ""));
        } catch (java.time.format.DateTimeParseException e) {
            return done(false); // not a replica: the version is written over it
        }
        if (!modified.equals(of.lastModified()) || version == null || version.equals(of.versionId()) || of.versionId().equals("null")) {
            return done(modified.isAfter(of.lastModified()));
        }
        return firstOf(s3, task.bucket(), task.key(), version, of.versionId(), null).thenApply(version::equals);
    }

    /** Which of two versions of {@code key} the store lists first — the newer one, as S3 lists versions newest first. */
    private static CompletableFuture<String> firstOf(StoreClient store, String bucket, String key, String a, String b, String after) {
        return versions(store, bucket, key, after).thenCompose(page -> {
            for (String v : page.versionIds()) {
                if (v.equals(a) || v.equals(b)) {
                    return done(v);
                }
            }
            return page.next() == null ? done(b) : firstOf(store, bucket, key, a, b, page.next());
        });
    }

    /** One page of the versions of exactly {@code key}, newest first; {@code next} is null on the last page. */
    record VersionPage(List<String> versionIds, String next) {
    }

    private static CompletableFuture<VersionPage> versions(StoreClient store, String bucket, String key, String after) {
        Multimap<String, String> query = LinkedListMultimap.create();
        query.put("versions", "");
        query.put("prefix", key);
        query.put("max-keys", "100");
        if (after != null) {
            query.put("key-marker", key);
            query.put("version-id-marker", after);
        }
        return store.send(Method.GET, bucket, null, StoreClient.none(), query, null).thenApply(answer -> {
            io.minio.messages.ListVersionsResult page;
            try {
                page = Xml.unmarshal(io.minio.messages.ListVersionsResult.class, answer.body());
            } catch (io.minio.errors.XmlParserException e) {
                throw new IllegalStateException("The store's version listing could not be read.", e);
            }
            List<String> ids = page.contents().stream().filter(v -> v.objectName().equals(key)).map(v -> v.versionId()).toList();
            boolean more = page.isTruncated() && key.equals(page.nextKeyMarker()) && page.nextVersionIdMarker() != null;
            return new VersionPage(ids, more ? page.nextVersionIdMarker() : null);
        });
    }

    /** The destination's current object, if any. */
    private CompletableFuture<Optional<StatObjectResponse>> current(StoreClient destination, String key) {
        return StoreClient.call(() -> destination.statObject(StatObjectArgs.builder().bucket(target.bucket()).object(key).build()))
                .thenApply(Optional::of)
                .exceptionallyCompose(e -> S3Failure.of(e).httpStatus() == 404 && !"NoSuchBucket".equals(S3Failure.of(e).code())
                        ? done(Optional.empty()) : CompletableFuture.failedFuture(e));
    }

    private CompletableFuture<Void> write(StoreClient s3, TaskRef task, StatObjectResponse source, Replica of) {
        return StoreClient.call(() -> elsewhere == null ? copy(s3, task, of) : stream(s3, task, source, of));
    }

    /** Whether one of the destination's versions of {@code key} is a replica of {@code of} (its versions read page by page). */
    private CompletableFuture<Boolean> hasReplica(StoreClient destination, String key, Replica of, String after) {
        return versions(destination, target.bucket(), key, after).thenCompose(page -> {
            CompletableFuture<Boolean> found = done(false);
            for (String version : page.versionIds()) {
                found = found.thenCompose(f -> f ? done(true) : StoreClient.call(() -> destination.statObject(StatObjectArgs.builder()
                        .bucket(target.bucket()).object(key).versionId(version).build())).thenApply(of::isReplicatedBy));
            }
            return found.thenCompose(f -> f || page.next() == null ? done(f) : hasReplica(destination, key, of, page.next()));
        });
    }

    /** What a replica says it is a replica of: the source version's id, ETag and time. */
    record Replica(String versionId, String etag, Instant lastModified) {
        static Replica of(StatObjectResponse source) {
            return new Replica(source.versionId() == null ? "null" : source.versionId(), unquoted(source.etag()),
                    source.lastModified().toInstant());
        }

        Map<String, String> metadata() {
            return Map.of(SOURCE_VERSION, versionId, SOURCE_ETAG, etag, SOURCE_MODIFIED, lastModified.toString());
        }

        boolean isReplicatedBy(StatObjectResponse replica) {
            return versionId.equals(replica.userMetadata().get(SOURCE_VERSION)) && etag.equals(replica.userMetadata().get(SOURCE_ETAG));
        }
    }

    /** On the role's own store: a server-side copy with the source's metadata, tags and ACL, and the replica's stamp. */
    private CompletableFuture<Void> copy(StoreClient s3, TaskRef task, Replica of) throws Exception {
        Operation.PutObjectCopy copy = new Operation.PutObjectCopy(target.bucket(), null, false, null, target.storageClass().orElse(null),
                null, null, null, Directive.COPY, null, List.of(), Directive.ADD,
                new Operation.ObjectMetadata(null, null, null, null, null, null, of.metadata()), Directive.COPY, List.of(),
                null, null, null, null, null, null, null, null);
        return new PutObjectCopyOperation(copy, settings).run(s3, task).thenApply(outcome -> null);
    }

    /** To another store: the GET streamed into a PutObject (or UploadParts), then the tags and the translated ACL. */
    private CompletableFuture<Void> stream(StoreClient s3, TaskRef task, StatObjectResponse source, Replica of) throws Exception {
        Multimap<String, String> headers = LinkedListMultimap.create();
        PutObjectCopyOperation.sourceMetadata(source).forEach(headers::put);
        of.metadata().forEach((k, v) -> headers.put("x-amz-meta-" + k, v));
        target.storageClass().ifPresent(c -> headers.put("x-amz-storage-class", c));
        // the version read is the one stated: a GET of the current object pinned by the ETag seen, a version by its id
        GetObjectArgs.Builder get = GetObjectArgs.builder().bucket(task.bucket()).object(task.key()).versionId(task.versionId());
        if (task.versionId() == null) {
            get.matchETag(of.etag());
        }
        return s3.getObject(get.build()).thenCompose(body -> upload(task.key(), headers, body, source.size())
                        .whenComplete((versionId, e) -> closeQuietly(body)))
                .thenCompose(versionId -> tags(s3, task, source, versionId).thenCompose(none -> acl(s3, task, versionId)));
    }

    /** The body written as one PutObject, or by multipart above the threshold; completes with the replica's version id. */
    private CompletableFuture<String> upload(String key, Multimap<String, String> headers, GetObjectResponse body, long size) {
        if (size <= settings.multipartThreshold()) {
            return elsewhere.sendStream(Method.PUT, target.bucket(), key, headers, StoreClient.none(), body, size)
                    .thenApply(answer -> answer.header("x-amz-version-id"));
        }
        long partSize = settings.partSizeFor(size);
        int parts = (int) ((size + partSize - 1) / partSize);
        return StoreClient.call(() -> elsewhere.createMultipartUploadAsync(target.bucket(), null, key, headers, null)).thenCompose(created -> {
            String uploadId = created.result().uploadId();
            Part[] done = new Part[parts];
            CompletableFuture<Void> chain = done(null);
            for (int p = 0; p < parts; p++) {
                int number = p + 1;
                long length = Math.min(partSize, size - p * partSize);
                // one stream, read in order: each part is the next `length` bytes of it
                chain = chain.thenCompose(none -> elsewhere.sendStream(Method.PUT, target.bucket(), key, StoreClient.none(),
                                ImmutableMultimap.of("partNumber", Integer.toString(number), "uploadId", uploadId), body, length)
                        .thenAccept(answer -> done[number - 1] = new Part(number, answer.header("ETag"))));
            }
            return elsewhere.abortingOnFailure(chain.thenCompose(all -> StoreClient.call(() -> elsewhere.completeMultipartUploadAsync(
                            target.bucket(), null, key, uploadId, done, null, null)))
                    .thenApply(completed -> completed.versionId()), target.bucket(), key, uploadId);
        });
    }

    /** The source's tags put on the replica (a new object has none, so nothing to do when the source has none). */
    private CompletableFuture<Void> tags(StoreClient s3, TaskRef task, StatObjectResponse source, String versionId) {
        String count = source.headers().get("x-amz-tagging-count");
        if (count != null && count.equals("0")) {
            return done(null);
        }
        return StoreClient.call(() -> s3.getObjectTags(GetObjectTagsArgs.builder().bucket(task.bucket()).object(task.key())
                        .versionId(task.versionId()).build()))
                .thenCompose(tags -> tags.get().isEmpty() ? done(null) : StoreClient.call(() -> elsewhere.setObjectTags(SetObjectTagsArgs.builder()
                        .bucket(target.bucket()).object(task.key()).versionId(versionId).tags(tags.get()).build())));
    }

    /** The source's ACL on the replica, its owner's grants given to the destination bucket's owner. */
    private CompletableFuture<Void> acl(StoreClient s3, TaskRef task, String versionId) {
        CompletableFuture<String> source = s3.send(Method.GET, task.bucket(), task.key(), StoreClient.none(),
                StoreClient.subresource("acl", task.versionId()), null).thenApply(StoreClient.Answer::body);
        return source.thenCombine(owner(), ReplicateObjectOperation::translated)
                .thenCompose(policy -> elsewhere.send(Method.PUT, target.bucket(), task.key(), StoreClient.none(),
                        StoreClient.subresource("acl", versionId == null || versionId.equals("null") ? null : versionId), policy))
                .thenApply(answer -> null);
    }

    private CompletableFuture<String[]> owner() {
        CompletableFuture<String[]> owner = destinationOwner;
        if (owner == null || owner.isCompletedExceptionally()) {
            owner = elsewhere.send(Method.GET, target.bucket(), null, StoreClient.none(), StoreClient.subresource("acl"), null)
                    .thenApply(answer -> {
                        AclDocument acl = AclDocument.parse(answer.body());
                        return new String[]{acl.ownerId(), acl.ownerDisplayName()};
                    });
            destinationOwner = owner;
        }
        return owner;
    }

    /** The source's ACL document for the destination: owned by {@code owner}, the source owner's grants made to it. */
    static String translated(String sourceAcl, String[] owner) {
        AclDocument acl = AclDocument.parse(sourceAcl);
        List<Operation.Grant> grants = acl.grants().stream().map(g -> g.granteeType().equals("id") && g.identifier().equals(acl.ownerId())
                ? new Operation.Grant("id", owner[0], owner[1], g.permission()) : g).toList();
        return new AclDocument(owner[0], owner[1], grants).xml();
    }

    /**
     * Makes the destination's replica of a newer version current again after an older version was written over it: a
     * copy of that version onto the key, with its tags and ACL.
     */
    private CompletableFuture<Void> restore(StoreClient destination, String key, String versionId) {
        TaskRef newer = TaskRef.of(target.bucket(), key, versionId);
        Multimap<String, String> headers = ImmutableMultimap.of("x-amz-copy-source", PutObjectCopyOperation.copySource(newer),
                "x-amz-metadata-directive", "COPY");
        return destination.send(Method.PUT, target.bucket(), key, headers, StoreClient.none(), null)
                .thenCompose(copied -> StoreClient.call(() -> destination.getObjectTags(GetObjectTagsArgs.builder().bucket(target.bucket())
                        .object(key).versionId(versionId).build())))
                .thenCompose(tags -> tags.get().isEmpty() ? done(null) : StoreClient.call(() -> destination.setObjectTags(
                        SetObjectTagsArgs.builder().bucket(target.bucket()).object(key).tags(tags.get()).build())))
                .thenCompose(tagged -> destination.send(Method.GET, target.bucket(), key, StoreClient.none(),
                        StoreClient.subresource("acl", versionId), null))
                .thenCompose(acl -> destination.send(Method.PUT, target.bucket(), key, StoreClient.none(), StoreClient.subresource("acl"), acl.body()))
                .thenApply(answer -> null);
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (java.io.IOException ignored) {
            // the stream was read or the request failed; nothing more to do with it
        }
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
