package dev.s3batch.e2e.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.model.manifest.S3Keys;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes bucket inventories as AWS, OSS and COS deliver them — {@code manifest.json} plus gzipped CSV data files — so
 * tests and benchmarks have real inventory manifests in the store. Each cloud's own details are kept: AWS quotes every
 * field and gives an ARN as destination and milliseconds as time; OSS writes plain fields, a bucket name, seconds and an
 * upper-case MD5; COS starts rows with the AppID and names its bucket by a qcs ARN.
 */
public final class Inventories {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Inventories() {
    }

    /** The cloud whose inventory layout is written. */
    public enum Cloud { AWS, OSS, COS }

    /** One inventory row: an object version (its VersionId null in an inventory of current versions only). */
    public record Row(String bucket, String key, String versionId, boolean latest, boolean deleteMarker, long size) {
        public static Row current(String bucket, String key) {
            return new Row(bucket, key, null, true, false, 1);
        }
    }

    /** Where an inventory was written: its manifest.json and that object's ETag. */
    public record Written(String bucket, String manifestKey, String etag, long rows) {
    }

    /** Writes {@code files} (each a list of rows) as one inventory of {@code sourceBucket} in {@code destBucket}. */
    public static Written write(S3Fixtures s3, Cloud cloud, boolean versions, String destBucket, String sourceBucket,
            List<List<Row>> files) throws Exception {
        long[] counts = new long[files.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = files.get(i).size();
        }
        return write(s3, cloud, versions, destBucket, sourceBucket, counts, (file, i) -> files.get(file).get((int) i));
    }

    /** A row generator: the {@code i}-th row of data file {@code file}. */
    public interface Rows {
        Row row(int file, long i);
    }

    /** Writes an inventory of {@code rowsPerFile[f]} generated rows per data file (large inventories for benchmarks). */
    public static Written write(S3Fixtures s3, Cloud cloud, boolean versions, String destBucket, String sourceBucket,
            long[] rowsPerFile, Rows rows) throws Exception {
        String base = "inventory/" + sourceBucket + "/daily/";
        ArrayNode list = JSON.createArrayNode();
        long total = 0;
        for (int f = 0; f < rowsPerFile.length; f++) {
            ByteArrayOutputStream data = new ByteArrayOutputStream(1 << 20);
            try (OutputStream gz = new GZIPOutputStream(data, 1 << 16)) {
                for (long i = 0; i < rowsPerFile[f]; i++) {
                    gz.write(line(cloud, versions, rows.row(f, i)).getBytes(StandardCharsets.UTF_8));
                }
            }
            total += rowsPerFile[f];
            byte[] bytes = data.toByteArray();
            String key = base + "data/" + UUID.randomUUID() + ".csv.gz";
            put(s3, destBucket, key, bytes);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            list.addObject().put("key", key).put("size", bytes.length)
                    .put("MD5checksum", cloud == Cloud.OSS ? md5.toUpperCase(Locale.ROOT) : md5);
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("sourceBucket", sourceBucket);
        manifest.put("destinationBucket", switch (cloud) {
            case AWS -> "arn:aws:s3:::" + destBucket;
            case OSS -> destBucket;
            case COS -> "qcs::cos:ap-guangzhou::" + destBucket;
        });
        manifest.put("version", cloud == Cloud.OSS ? "2019-09-01" : "2016-11-30");
        long now = System.currentTimeMillis();
        manifest.put("creationTimestamp", Long.toString(cloud == Cloud.OSS ? now / 1000 : now));
        manifest.put("fileFormat", "CSV");
        manifest.put("fileSchema", schema(cloud, versions));
        if (cloud == Cloud.COS) {
            manifest.put("listObjectCount", Long.toString(total));
            manifest.put("listStorageSize", "0");
            manifest.put("filterObjectCount", Long.toString(total));
            manifest.put("filterStorageSize", "0");
        }
        manifest.set("files", list);
        String manifestKey = base + "2025-10-29T12-49Z/manifest.json";
        String etag = s3.putText(destBucket, manifestKey, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return new Written(destBucket, manifestKey, etag, total);
    }

    static String schema(Cloud cloud, boolean versions) {
        String id = versions ? "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, " : "Bucket, Key, ";
        return switch (cloud) {
            case AWS -> id + "Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus";
            case OSS -> id + "Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus";
            case COS -> "AppID, " + id + "Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus";
        };
    }

    /** The columns after Size, as {@link #schema} names them: the same plausible values on every row. */
    private static final java.util.Map<Cloud, List<String>> TRAILING = java.util.Map.of(
            Cloud.AWS, List.of("2025-10-29T12:00:00.000Z", "d41d8cd98f00b204e9800998ecf8427e", "STANDARD", "false", "", "NOT-SSE"),
            Cloud.OSS, List.of("Standard", "2025-10-29T12:00:00.000Z", "D41D8CD98F00B204E9800998ECF8427E", "false", "false"),
            Cloud.COS, List.of("2025-10-29T12:00:00.000Z", "d41d8cd98f00b204e9800998ecf8427e", "STANDARD", "false", ""));

    static String line(Cloud cloud, boolean versions, Row r) {
        StringBuilder out = new StringBuilder(96);
        boolean quote = cloud != Cloud.OSS;
        if (cloud == Cloud.COS) {
            field(out, "1250000000", quote);
        }
        field(out, r.bucket(), quote);
        field(out, S3Keys.encode(r.key()), quote);
        if (versions) {
            field(out, r.versionId() == null ? "" : r.versionId(), quote);
            field(out, Boolean.toString(r.latest()), quote);
            field(out, Boolean.toString(r.deleteMarker()), quote);
        }
        field(out, Long.toString(r.size()), quote);
        for (String value : TRAILING.get(cloud)) {
            field(out, value, quote);
        }
        out.setCharAt(out.length() - 1, '\n');
        return out.toString();
    }

    private static void field(StringBuilder out, String value, boolean quote) {
        if (quote) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
        out.append(',');
    }

    private static void put(S3Fixtures s3, String bucket, String key, byte[] bytes) throws Exception {
        s3.client().putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("application/gzip").build());
    }

    /** The {@code i}-th of {@code n} objects named by {@code key}, as current-version rows of one bucket. */
    public static Rows currentRows(String bucket, long perFile, LongFunction<String> key) {
        return (file, i) -> Row.current(bucket, key.apply(file * perFile + i));
    }
}
