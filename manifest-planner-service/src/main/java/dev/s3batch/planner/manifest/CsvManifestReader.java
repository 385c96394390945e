package dev.s3batch.planner.manifest;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.manifest.S3Keys;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Streams a CSV manifest row by row, never holding more than one row: each row becomes one {@link TaskRef}. Keys are
 * URL-decoded. A row that cannot be read becomes a rejected task (it fails alone, with the reason, in the report); blank
 * rows are skipped. The cursor is the byte position after the last row returned, so a reader opened there (a ranged
 * GET) continues with exactly the next row.
 */
public final class CsvManifestReader implements ManifestReader {
    static final int MAX_ROW_BYTES = CsvLines.MAX_ROW_BYTES;

    private final InputStream in;
    private final CsvLines lines;
    private final List<ManifestField> fields;

    public CsvManifestReader(InputStream in, List<ManifestField> fields, long startOffset) {
        this.in = in;
        this.lines = new CsvLines(in, startOffset);
        this.fields = List.copyOf(fields);
    }

    /** The byte offset of a cursor this reader gave; 0 for a new job's empty cursor. */
    static long offset(String cursor) {
        return cursor == null || cursor.isEmpty() ? 0 : Long.parseLong(cursor);
    }

    /** Byte offset, in the manifest object, just after the last row returned. */
    public long offset() {
        return lines.offset();
    }

    @Override
    public String cursor() {
        return Long.toString(lines.offset());
    }

    @Override
    public TaskRef next() throws IOException {
        for (String text; (text = lines.next()) != null; ) {
            if (lines.truncated()) {
                return TaskRef.rejected(text.substring(0, Math.min(text.length(), 256)), "row longer than " + MAX_ROW_BYTES + " bytes");
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    TaskRef parse(String text) {
        List<String> cols;
        try {
            cols = CsvLines.split(text);
        } catch (IllegalArgumentException e) {
            return TaskRef.rejected(text, "malformed row: " + e.getMessage());
        }
        if (cols.size() != fields.size()) {
            return TaskRef.rejected(text, "malformed row: " + cols.size() + " field(s), expected " + fields.size());
        }
        String bucket = null;
        String key = null;
        String version = null;
        for (int i = 0; i < cols.size(); i++) {
            String v = cols.get(i).trim();
            switch (fields.get(i)) {
                case BUCKET -> bucket = v;
                case KEY -> key = cols.get(i);
                case VERSION_ID -> version = v.isEmpty() ? null : v;
                case IGNORE -> { }
            }
        }
        return task(text, bucket, key, version);
    }

    /** The task of a row's bucket, URL-encoded key and version, or the row rejected with why. */
    static TaskRef task(String text, String bucket, String key, String version) {
        if (bucket == null || bucket.isEmpty()) {
            return TaskRef.rejected(text, "malformed row: empty bucket");
        }
        if (key == null || key.isEmpty()) {
            return new TaskRef(bucket, "", version, "malformed row: empty key");
        }
        try {
            return TaskRef.of(bucket, S3Keys.decode(key), version);
        } catch (IllegalArgumentException e) {
            return new TaskRef(bucket, key, version, "malformed row: key is not URL-encoded (" + e.getMessage() + ")");
        }
    }
}
