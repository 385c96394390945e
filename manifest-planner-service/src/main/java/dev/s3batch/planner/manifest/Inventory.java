package dev.s3batch.planner.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.job.ObjectLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bucket inventory's {@code manifest.json}, as AWS ({@code S3InventoryReport_CSV_20161130}), OSS
 * ({@code OSS_InventoryReport_CSV_20250611}) and COS ({@code COSInventoryReport_CSV_V1}) write it: {@code fileFormat}
 * CSV, {@code fileSchema} the comma-separated column names, {@code files} the gzipped CSV data files with their
 * {@code key}, {@code size} and {@code MD5checksum} (MinIO writes {@code MD5Checksum}). The data files are in the
 * manifest.json's own bucket, where the inventory was delivered.
 *
 * @param columns index of each column the planner reads, -1 when the schema has none
 */
public record Inventory(List<DataFile> files, int columnCount, int bucket, int key, int versionId, int isLatest, int isDeleteMarker) {
    /** Longest manifest.json read: 16 MiB names some 100,000 data files. */
    static final int MAX_MANIFEST_BYTES = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gzipped CSV data file of the inventory. */
    public record DataFile(ObjectLocation location, long size, String md5) {
    }

    /** Reads and checks a manifest.json; every way it can be wrong is the job's failure, naming what is wrong. */
    public static Inventory parse(InputStream in, ObjectLocation manifest) throws IOException, ManifestException {
        byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        String where = manifest.bucket() + "/" + manifest.key();
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw invalid("The inventory manifest " + where + " is larger than " + (MAX_MANIFEST_BYTES >> 20) + " MiB.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw invalid("The inventory manifest " + where + " is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The inventory manifest " + where + " is not a JSON object.");
        }
        String format = root.path("fileFormat").asText("");
        if (!format.equalsIgnoreCase("CSV")) {
            throw invalid("The inventory manifest " + where + " has fileFormat '" + clip(format)
                    + "'; only CSV inventories can be a job's manifest.");
        }
        String schema = root.path("fileSchema").asText("");
        List<String> columns = new ArrayList<>();
        for (String c : schema.split(",")) {
            columns.add(c.trim().toLowerCase(Locale.ROOT));
        }
        int key = columns.indexOf("key");
        int bucket = columns.indexOf("bucket");
        if (key < 0 || bucket < 0) {
            throw invalid("The inventory manifest " + where + " has no " + (key < 0 ? "Key" : "Bucket") + " column in its fileSchema '"
                    + clip(schema) + "'.");
        }
        JsonNode files = root.path("files");
        if (!files.isArray() || files.isEmpty()) {
            throw invalid("The inventory manifest " + where + " names no data files.");
        }
        List<DataFile> data = new ArrayList<>(files.size());
        for (JsonNode f : files) {
            String fileKey = f.path("key").asText("");
            JsonNode md5 = f.has("MD5checksum") ? f.get("MD5checksum") : f.path("MD5Checksum");
            if (fileKey.isEmpty() || !f.path("size").canConvertToLong() || f.path("size").asLong() < 0
                    || !md5.asText("").matches("[0-9A-Fa-f]{32}")) {
                throw invalid("The inventory manifest " + where + " has a data file entry without a key, a size and an MD5checksum: "
                        + clip(f.toString()) + ".");
            }
            data.add(new DataFile(new ObjectLocation(manifest.bucket(), fileKey, null), f.path("size").asLong(),
                    md5.asText().toLowerCase(Locale.ROOT)));
        }
        return new Inventory(List.copyOf(data), columns.size(), bucket, key, columns.indexOf("versionid"),
                columns.indexOf("islatest"), columns.indexOf("isdeletemarker"));
    }

    private static ManifestException invalid(String message) {
        return new ManifestException("InventoryInvalid", message);
    }

    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
