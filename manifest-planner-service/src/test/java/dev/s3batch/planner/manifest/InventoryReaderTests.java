package dev.s3batch.planner.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.ObjectLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The inventory reader on in-memory manifest.json and gzipped data files of each cloud's shape. */
class InventoryReaderTests {
    static final ObjectLocation MANIFEST = new ObjectLocation("inv", "dest/src/cfg/2025-10-29T12-49Z/manifest.json", null);

    final Map<String, byte[]> files = new HashMap<>();

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A manifest.json naming {@code data} files (added to {@link #files}), with {@code md5Field} as the checksum's name. */
    String manifest(String schema, String md5Field, String... data) throws IOException {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < data.length; i++) {
            byte[] gz = gzip(data[i]);
            String key = "dest/src/cfg/data/file-" + i + ".csv.gz";
            files.put(key, gz);
            list.append(i == 0 ? "" : ",").append("{\"key\":\"").append(key).append("\",\"size\":").append(gz.length)
                    .append(",\"").append(md5Field).append("\":\"").append(Listing.md5(gz).toUpperCase()).append("\"}");
        }
        return "{\"sourceBucket\":\"src\",\"destinationBucket\":\"arn:aws:s3:::inv\",\"version\":\"2016-11-30\",\"creationTimestamp\":\"1514944800000\","
                + "\"fileFormat\":\"CSV\",\"fileSchema\":\"" + schema + "\",\"files\":[" + list + "]}";
    }

    InventoryReader reader(String manifestJson, boolean versions, String cursor) throws Exception {
        Inventory inv = Inventory.parse(new ByteArrayInputStream(manifestJson.getBytes(StandardCharsets.UTF_8)), MANIFEST);
        return new InventoryReader(inv, f -> {
            byte[] b = files.get(f.location().key());
            if (b == null) {
                throw new ManifestException("ManifestNotFound", "The inventory data file " + f.location().key() + " does not exist (NoSuchKey).");
            }
            return new ByteArrayInputStream(b);
        }, versions, cursor);
    }

    static List<TaskRef> all(ManifestReader r) throws Exception {
        List<TaskRef> out = new ArrayList<>();
        for (TaskRef t; (t = r.next()) != null; ) {
            out.add(t);
        }
        return out;
    }

    @Test
    void awsColumnsByTheSchemaKeysDecodedAcrossSeveralFiles() throws Exception {
        String json = manifest("Bucket, Key, Size, LastModifiedDate, ETag, StorageClass", "MD5checksum",
                "\"src\",\"a%20b.txt\",\"3\",\"2025-01-01T00:00:00.000Z\",\"e\",\"STANDARD\"\n\"src\",\"c\",\"1\",\"2025\",\"e\",\"STANDARD\"\n",
                "\"src\",\"d%2Fe\",\"1\",\"2025\",\"e\",\"STANDARD\"\n");
        assertEquals(List.of(TaskRef.of("src", "a b.txt", null), TaskRef.of("src", "c", null), TaskRef.of("src", "d/e", null)),
                all(reader(json, false, "")));
    }

    @Test
    void versionsAreTakenOnlyWhenAskedAndDeleteMarkersNever() throws Exception {
        String json = manifest("Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size", "MD5checksum",
                "src,k1,v2,true,false,1\nsrc,k1,v1,false,false,1\nsrc,k2,v9,true,true,0\nsrc,k2,v8,false,false,1\nsrc,k3,,true,false,1\n");
        assertEquals(List.of(TaskRef.of("src", "k1", null), TaskRef.of("src", "k3", null)), all(reader(json, false, "")),
                "the latest version of each object; a delete marker as latest means there is no object");
        assertEquals(List.of(TaskRef.of("src", "k1", "v2"), TaskRef.of("src", "k1", "v1"), TaskRef.of("src", "k2", "v8"),
                TaskRef.of("src", "k3", "null")), all(reader(json, true, "")), "every version; the empty VersionId is the null version");
    }

    @Test
    void cosAndMinioShapesAreRead() throws Exception {
        String cos = manifest("AppID, Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus",
                "MD5checksum", "\"1250000000\",\"src\",\"x%E4%B8%AD\",\"5\",\"2025\",\"e\",\"STANDARD\",\"false\",\"\"\n");
        assertEquals(List.of(TaskRef.of("src", "x中", null)), all(reader(cos, false, "")));
        String minio = manifest("Bucket, Key", "MD5Checksum", "src,y\n");
        assertEquals(List.of(TaskRef.of("src", "y", null)), all(reader(minio, false, "")));
    }

    @Test
    void aResumedReaderGivesExactlyTheRestWithinAFileAndAcrossFiles() throws Exception {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            a.append("src,a").append(i).append('\n');
            b.append("src,b").append(i).append('\n');
        }
        String json = manifest("Bucket, Key", "MD5checksum", a.toString(), b.toString());
        List<TaskRef> expected = all(reader(json, false, ""));
        for (int cut : new int[]{0, 1, 100, 249, 250, 251, 400, 499, 500}) {
            InventoryReader first = reader(json, false, "");
            List<TaskRef> got = new ArrayList<>(first.nextBatch(cut));
            got.addAll(all(reader(json, false, first.cursor())));
            assertEquals(expected, got, "cut after " + cut + " at cursor " + first.cursor());
        }
    }

    @Test
    void aChangedFileAMissingOneAndACorruptOneFailTheJobNamingTheFile() throws Exception {
        String json = manifest("Bucket, Key", "MD5checksum", "src,a\n", "src,b\n");
        files.put("dest/src/cfg/data/file-1.csv.gz", gzip("src,c\n"));
        InventoryReader changed = reader(json, false, "");
        assertEquals(TaskRef.of("src", "a", null), changed.next());
        ManifestException e = assertThrows(ManifestException.class, () -> all(changed));
        assertEquals("InventoryChecksumMismatch", e.failureCode());
        assertTrue(e.getMessage().contains("file-1.csv.gz"), e.getMessage());

        files.remove("dest/src/cfg/data/file-1.csv.gz");
        assertEquals("ManifestNotFound", assertThrows(ManifestException.class, () -> all(reader(json, false, ""))).failureCode());

        byte[] corrupt = "this is not gzip at all".getBytes(StandardCharsets.UTF_8);
        String bad = json.replaceFirst("\"size\":\\d+,\"MD5checksum\":\"[0-9A-F]{32}\"", "\"size\":" + corrupt.length
                + ",\"MD5checksum\":\"" + Listing.md5(corrupt) + "\"");
        files.put("dest/src/cfg/data/file-0.csv.gz", corrupt);
        ManifestException c = assertThrows(ManifestException.class, () -> all(reader(bad, false, "")));
        assertEquals("InventoryInvalid", c.failureCode());
        assertTrue(c.getMessage().contains("file-0.csv.gz") && c.getMessage().contains("gzip"), c.getMessage());
    }

    @Test
    void aManifestThatIsNotJsonOrHasNoKeyColumnOrNoCsvIsRefused() throws Exception {
        for (String json : List.of("not json", "[]", manifest("Bucket, Size", "MD5checksum", "src,1\n"),
                manifest("Bucket, Key", "MD5checksum", "src,a\n").replace("\"CSV\"", "\"ORC\""), "{\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key\",\"files\":[]}",
                "{\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key\",\"files\":[{\"key\":\"k\"}]}")) {
            ManifestException e = assertThrows(ManifestException.class, () -> reader(json, false, ""), json);
            assertEquals("InventoryInvalid", e.failureCode());
            assertTrue(e.getMessage().contains(MANIFEST.key()), e.getMessage());
        }
    }

    @Test
    void aRowOfTheWrongWidthFailsAloneAndTheRestGoesOn() throws Exception {
        String json = manifest("Bucket, Key, Size", "MD5checksum", "src,a,1\nsrc,b\nsrc,c,3\n");
        List<TaskRef> tasks = all(reader(json, false, ""));
        assertEquals(3, tasks.size());
        assertTrue(tasks.get(1).rejectReason().contains("fileSchema"), tasks.get(1).rejectReason());
        assertNull(tasks.get(2).rejectReason());
    }
}
