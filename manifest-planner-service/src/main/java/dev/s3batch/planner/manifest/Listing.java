package dev.s3batch.planner.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.GeneratedManifest;
import dev.s3batch.model.job.ManifestOutput;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.manifest.S3Keys;
import dev.s3batch.planner.config.PlannerConfig;
import dev.s3batch.planner.repository.ListingRepository;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A generated manifest (a key prefix, AWS's filters): the bucket is listed once, page by page, while the job is
 * Preparing; the keys that pass the filter are stored in chunks ({@link ListingRepository}), so objects added or
 * deleted afterwards do not change the job, memory stays flat, and a listing cut by a crash resumes after the last key
 * stored. Expansion reads the chunks in order; its cursor is {@code <chunk>:<row>}. With a ManifestOutputLocation the
 * listing is also written there in AWS's S3InventoryReport_CSV_20211130 shape — itself a manifest for another job.
 */
@ApplicationScoped
public class Listing {
    /** Keys per stored chunk (a ListObjectsV2 page is at most 1,000). */
    static final int CHUNK_ROWS = 1000;
    /** Rows per data file of a written manifest (a file is buffered whole to compute its MD5: a few MB gzipped). */
    static final int OUTPUT_FILE_ROWS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManifestSource source;
    private final ListingRepository chunks;
    private final int pageSize;

    public Listing(ManifestSource source, ListingRepository chunks, PlannerConfig config) {
        this.source = source;
        this.chunks = chunks;
        this.pageSize = Math.max(1, Math.min(1000, config.listingPageSize()));
    }

    /**
     * Lists what is left of the bucket and stores it; the number of objects kept, or -1 when the job stopped being this
     * planner's Preparing job ({@code still} said so, or a chunk could not be stored).
     */
    long list(UUID jobId, String owner, ManifestSpec.Generated spec, String roleArn, BooleanSupplier still)
            throws ManifestException, IOException {
        var progress = chunks.progress(jobId);
        int seq = progress.map(ListingRepository.Progress::nextSeq).orElse(0);
        long kept = progress.map(ListingRepository.Progress::rows).orElse(0L);
        ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(spec.sourceBucket()).recursive(true).maxKeys(pageSize);
        if (!spec.prefix().isEmpty()) {
            args.prefix(spec.prefix());
        }
        progress.ifPresent(p -> args.startAfter(p.lastKey()));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 << 10);
        OutputStream gz = new GZIPOutputStream(buffer);
        int rows = 0;
        int listed = 0;
        String lastKey = null;
        boolean needsTime = spec.filter().createdAfter() != null || spec.filter().createdBefore() != null;
        // a chunk is stored while the next page is listed; the one before must have been stored first
        java.util.concurrent.CompletableFuture<Boolean> stored = java.util.concurrent.CompletableFuture.completedFuture(true);
        try (Prefetched<Result<Item>> pages = new Prefetched<>(source.client(roleArn).listObjects(args.build()), 2 * pageSize,
                "listing-" + jobId)) {
            while (pages.hasNext()) {
                Item item;
                try {
                    item = pages.next().get();
                } catch (Exception e) {
                    throw listingFailure(spec.sourceBucket(), e);
                }
                lastKey = item.objectName();
                listed++;
                if (!item.isDir() && spec.filter().matches(lastKey, item.size(),
                        needsTime && item.lastModified() != null ? item.lastModified().toInstant() : null, item.storageClass())) {
                    gz.write((S3Keys.encode(lastKey) + "\n").getBytes(StandardCharsets.UTF_8));
                    rows++;
                }
                if (rows >= CHUNK_ROWS || listed >= 10 * CHUNK_ROWS) {
                    gz.close();
                    if (!still.getAsBoolean() || !stored.join()) {
                        return -1;
                    }
                    stored = chunks.appendAsync(jobId, owner, seq++, rows, lastKey, buffer.toByteArray());
                    kept += rows;
                    rows = 0;
                    listed = 0;
                    buffer.reset();
                    gz = new GZIPOutputStream(buffer);
                }
            }
        }
        gz.close();
        if (!stored.join()) {
            return -1;
        }
        if (listed > 0) {
            if (!chunks.append(jobId, owner, seq, rows, lastKey, buffer.toByteArray())) {
                return -1;
            }
            kept += rows;
        }
        return kept;
    }

    /** Fails as the listing would when the role cannot list the bucket (one key asked for). */
    void probe(String bucket, String roleArn) throws ManifestException, IOException {
        for (Result<Item> result : source.client(roleArn).listObjects(ListObjectsArgs.builder().bucket(bucket).maxKeys(1).build())) {
            try {
                result.get();
            } catch (Exception e) {
                throw listingFailure(bucket, e);
            }
            return;
        }
    }

    /** Why a listing failed: retried ({@link IOException}) when the store may answer better later, else the job's failure. */
    static ManifestException listingFailure(String bucket, Exception e) throws IOException {
        if (ManifestSource.transientFailure(e)) {
            throw new IOException("the listing of " + bucket + " was interrupted; it resumes", e);
        }
        String code = e instanceof io.minio.errors.ErrorResponseException err ? err.errorResponse().code() : "";
        return switch (code) {
            case "NoSuchBucket" -> new ManifestException("ManifestGenerationFailed", "The bucket " + bucket + " does not exist.");
            case "AccessDenied" -> new ManifestException("ManifestGenerationFailed", "The job's role may not list the bucket " + bucket + ".");
            default -> new ManifestException("ManifestGenerationFailed", "The bucket " + bucket + " could not be listed ("
                    + (code.isEmpty() ? "the store's answer was not understood" : code) + ").");
        };
    }

    /** Reads the stored listing from {@code cursor} on. */
    ManifestReader open(UUID jobId, String sourceBucket, String cursor) {
        return new ChunkReader(jobId, sourceBucket, cursor);
    }

    /**
     * Writes the stored listing to the job's ManifestOutputLocation as {@code <prefix>/job-<id>/manifest.json} and its
     * gzipped CSV data files (Bucket, Key). Written again whole after a crash: the same names, the same content.
     */
    GeneratedManifest write(UUID jobId, ManifestSpec.Generated spec, String roleArn) throws ManifestException, IOException {
        ManifestOutput out = spec.output();
        String base = (out.prefix().isEmpty() ? "" : out.prefix().replaceAll("/+$", "") + "/") + "job-" + jobId + "/";
        ArrayNode files = JSON.createArrayNode();
        try (ManifestReader reader = open(jobId, spec.sourceBucket(), "")) {
            int n = 0;
            boolean more = true;
            while (more) {
                ByteArrayOutputStream data = new ByteArrayOutputStream(1 << 20);
                try (OutputStream gz = new GZIPOutputStream(data)) {
                    for (int i = 0; i < OUTPUT_FILE_ROWS; i++) {
                        TaskRef t = reader.next();
                        if (t == null) {
                            more = false;
                            break;
                        }
                        gz.write((csv(t.bucket()) + "," + csv(S3Keys.encode(t.key())) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (n > 0 && !more && data.size() <= 20) {
                    break; // no rows left for another file (an empty gzip is 20 bytes)
                }
                String key = base + "data/" + jobId + "-" + n++ + ".csv.gz";
                byte[] bytes = data.toByteArray();
                put(roleArn, out, key, bytes, "application/gzip");
                files.addObject().put("key", key).put("size", bytes.length).put("MD5checksum", md5(bytes));
            }
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("sourceBucket", spec.sourceBucket());
        manifest.put("destinationBucket", "arn:aws:s3:::" + out.bucket());
        manifest.put("version", "2021-11-30");
        manifest.put("creationTimestamp", Long.toString(System.currentTimeMillis()));
        manifest.put("fileFormat", "CSV");
        manifest.put("fileSchema", "Bucket, Key");
        manifest.set("files", files);
        String etag = put(roleArn, out, base + "manifest.json", JSON.writeValueAsBytes(manifest), "application/json");
        return new GeneratedManifest(new ObjectLocation(out.bucket(), base + "manifest.json", null), etag);
    }

    private String put(String roleArn, ManifestOutput out, String key, byte[] bytes, String type) throws ManifestException, IOException {
        Map<String, String> headers = switch (out.encryption() == null ? "" : out.encryption()) {
            case "SSE-S3" -> Map.of("x-amz-server-side-encryption", "AES256");
            case "SSE-KMS" -> Map.of("x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", out.kmsKeyId());
            default -> Map.of();
        };
        try {
            return ManifestSource.normalise(source.client(roleArn).putObject(PutObjectArgs.builder().bucket(out.bucket()).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(type).extraHeaders(headers).build()).etag());
        } catch (Exception e) {
            ManifestException failure = ManifestSource.failure("generated manifest", new ObjectLocation(out.bucket(), key, null), e);
            throw new ManifestException("ManifestOutputFailed", failure.getMessage().replace("could not be read", "could not be written")
                    .replace("may not read", "may not write"));
        }
    }

    private static String csv(String field) {
        return field.indexOf(',') < 0 && field.indexOf('"') < 0 ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored chunks in order, a few fetched at a time; each row one task on the listed bucket. */
    private final class ChunkReader implements ManifestReader {
        private final UUID jobId;
        private final String bucket;
        private final Deque<ListingRepository.Chunk> fetched = new ArrayDeque<>();
        private int seq;
        private int row;
        private int skip;
        private BufferedReader lines;
        private boolean exhausted;

        ChunkReader(UUID jobId, String bucket, String cursor) {
            this.jobId = jobId;
            this.bucket = bucket;
            if (cursor != null && !cursor.isEmpty()) {
                int colon = cursor.indexOf(':');
                seq = Integer.parseInt(cursor.substring(0, colon));
                skip = Integer.parseInt(cursor.substring(colon + 1));
            }
        }

        @Override
        public String cursor() {
            return seq + ":" + row;
        }

        @Override
        public TaskRef next() throws IOException {
            while (true) {
                if (lines == null && !openChunk()) {
                    return null;
                }
                String line = lines.readLine();
                if (line == null) {
                    lines = null;
                    seq++;
                    row = 0;
                    continue;
                }
                row++;
                return TaskRef.of(bucket, S3Keys.decode(line), null);
            }
        }

        private boolean openChunk() throws IOException {
            if (fetched.isEmpty() && !exhausted) {
                fetched.addAll(chunks.chunks(jobId, seq, 8));
                exhausted = fetched.isEmpty();
            }
            ListingRepository.Chunk c = fetched.poll();
            if (c == null) {
                return false;
            }
            seq = c.seq();
            row = 0;
            lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(c.keys())), StandardCharsets.UTF_8));
            for (; skip > 0; skip--) {
                lines.readLine();
                row++;
            }
            return true;
        }

        @Override
        public void close() {
            lines = null;
        }
    }
}
