package dev.s3batch.planner.manifest;

import static dev.s3batch.model.job.ManifestField.BUCKET;
import static dev.s3batch.model.job.ManifestField.IGNORE;
import static dev.s3batch.model.job.ManifestField.KEY;
import static dev.s3batch.model.job.ManifestField.VERSION_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.ManifestField;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvManifestReaderTests {
    static final List<ManifestField> BK = List.of(BUCKET, KEY);
    static final List<ManifestField> BKV = List.of(BUCKET, KEY, VERSION_ID);

    static List<TaskRef> readAll(String csv, List<ManifestField> fields) throws IOException {
        CsvManifestReader r = reader(csv, fields, 0);
        List<TaskRef> all = new ArrayList<>();
        TaskRef t;
        while ((t = r.next()) != null) {
            all.add(t);
        }
        return all;
    }

    static CsvManifestReader reader(String csv, List<ManifestField> fields, long offset) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) offset, bytes.length));
        return new CsvManifestReader(in, fields, offset);
    }

    @Test
    void decodesUrlEncodedKeysAsTheSeedDocumentShowsThem() throws IOException {
        List<TaskRef> tasks = readAll("my-bucket,documents%2Freport1.pdf\nmy-bucket,a%20b+c%E6%97%A5.txt\n", BK);
        assertEquals(List.of(TaskRef.of("my-bucket", "documents/report1.pdf", null), TaskRef.of("my-bucket", "a b c日.txt", null)), tasks);
    }

    @Test
    void readsVersionIdsAndTakesAnEmptyOneAsTheCurrentVersion() throws IOException {
        List<TaskRef> tasks = readAll("my-bucket,important%2Fdata.json,3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo\r\n"
                + "my-bucket,config%2Fsettings.xml,null\nmy-bucket,x,\n", BKV);
        assertEquals("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", tasks.get(0).versionId());
        assertEquals("null", tasks.get(1).versionId(), "OSS writes the literal version id 'null' for unversioned objects");
        assertNull(tasks.get(2).versionId());
        assertEquals("important/data.json", tasks.get(0).key());
    }

    @Test
    void skipsBlankRowsAndHonoursColumnOrderAndIgnoredColumns() throws IOException {
        List<TaskRef> tasks = readAll("\n  \nk1,b1,x\n\r\nk2,b2,y", List.of(KEY, BUCKET, IGNORE));
        assertEquals(List.of(TaskRef.of("b1", "k1", null), TaskRef.of("b2", "k2", null)), tasks);
    }

    @Test
    void malformedRowsBecomeRejectedTasksAndTheRestGoesOn() throws IOException {
        List<TaskRef> tasks = readAll("b,ok\nonlyonefield\nb,k,extra\n,nobucket\nb,\nb,bad%zzescape\n\"b\",\"quoted%2Fkey\"\nb,\"open\n", BK);
        assertEquals(8, tasks.size());
        assertEquals(TaskRef.of("b", "ok", null), tasks.get(0));
        assertTrue(tasks.get(1).rejectReason().contains("1 field(s), expected 2"), tasks.get(1).rejectReason());
        assertTrue(tasks.get(2).rejectReason().contains("3 field(s)"));
        assertTrue(tasks.get(3).rejectReason().contains("empty bucket"));
        assertTrue(tasks.get(4).rejectReason().contains("empty key"));
        assertTrue(tasks.get(5).rejectReason().contains("not URL-encoded"));
        assertEquals(TaskRef.of("b", "quoted/key", null), tasks.get(6));
        assertTrue(tasks.get(7).rejectReason().contains("unterminated quote"));
    }

    @Test
    void aRowLongerThanTheLimitIsRejectedWithoutBufferingIt() throws IOException {
        String huge = "b," + "k".repeat(CsvManifestReader.MAX_ROW_BYTES * 4);
        List<TaskRef> tasks = readAll(huge + "\nb,next\n", BK);
        assertEquals(2, tasks.size());
        assertTrue(tasks.get(0).rejectReason().startsWith("row longer than"));
        assertEquals(TaskRef.of("b", "next", null), tasks.get(1));
    }

    @Test
    void resumingAtTheReportedOffsetContinuesWithExactlyTheNextRow() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            csv.append("bkt,key-").append(i).append(i % 7 == 0 ? "\r\n" : "\n").append(i % 100 == 0 ? "\n" : "");
        }
        CsvManifestReader first = reader(csv.toString(), BK, 0);
        List<TaskRef> batch1 = first.nextBatch(1000);
        List<TaskRef> rest = new ArrayList<>();
        CsvManifestReader resumed = reader(csv.toString(), BK, first.offset());
        for (List<TaskRef> b; !(b = resumed.nextBatch(1000)).isEmpty(); ) {
            rest.addAll(b);
        }
        assertEquals(1000, batch1.size());
        assertEquals("key-999", batch1.get(999).key());
        assertEquals(1500, rest.size());
        assertEquals("key-1000", rest.get(0).key());
        assertEquals("key-2499", rest.get(1499).key());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstBucket() throws IOException {
        assertEquals(List.of(TaskRef.of("b", "k", null)), readAll("\uFEFFb,k\n", BK));
    }

    /** Reading only some columns gives what a full split gives for them, and the same column count. */
    @Test
    void selectingColumnsAgreesWithSplitting() {
        boolean[] wanted = {false, true, false, true};
        for (String row : List.of("a,b,c,d", "\"a,1\",\"b \"\"q\"\"\",c,\"\"", ",,,", "a,b", "\"x\"y,z,w,v,u", "a,\"b,c\",d,e")) {
            List<String> all = CsvLines.split(row);
            String[] out = new String[4];
            assertEquals(all.size(), CsvLines.select(row, wanted, out), row);
            for (int i = 0; i < Math.min(4, all.size()); i++) {
                if (wanted[i]) {
                    assertEquals(all.get(i), out[i], row + " column " + i);
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CsvLines.select("a,\"b", wanted, new String[4]));
    }
}
