package dev.s3batch.planner.manifest;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.manifest.S3Keys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a CSV manifest row by row, never holding more than one row: each row becomes one {@link TaskRef}. Keys are
 * URL-decoded. A row that cannot be read becomes a rejected task (it fails alone, with the reason, in the report); blank
 * rows are skipped. {@link #offset()} is the byte position after the last row returned, so a reader opened there
 * (a ranged GET) continues with exactly the next row.
 */
public final class CsvManifestReader {
    /** Longest row accepted; S3 keys are at most 1,024 bytes, version ids and bucket names far less. */
    static final int MAX_ROW_BYTES = 8192;

    private final InputStream in;
    private final List<ManifestField> fields;
    private final ByteArrayOutputStream row = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[1 << 16];
    private final long startOffset;
    private int pos;
    private int limit;
    private long offset;

    public CsvManifestReader(InputStream in, List<ManifestField> fields, long startOffset) {
        this.in = in;
        this.fields = List.copyOf(fields);
        this.offset = startOffset;
        this.startOffset = startOffset;
    }

    /** Byte offset, in the manifest object, just after the last row returned. */
    public long offset() {
        return offset;
    }

    /** The next task, or null at the end of the manifest. */
    public TaskRef next() throws IOException {
        while (true) {
            row.reset();
            boolean tooLong = false;
            long consumed = 0;
            boolean endOfLine = false;
            while (!endOfLine) {
                if (pos == limit && !fill()) {
                    break;
                }
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int length = pos - start;
                if (pos < limit) { // found the line end
                    pos++;
                    consumed++;
                    endOfLine = true;
                }
                consumed += length;
                int room = MAX_ROW_BYTES - row.size();
                if (length > room) {
                    tooLong = true;
                }
                row.write(buffer, start, Math.min(length, Math.max(room, 0)));
            }
            if (consumed == 0) {
                return null;
            }
            boolean first = offset == startOffset;
            offset += consumed;
            String text = row.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (first && startOffset == 0 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a UTF-8 byte-order mark at the start of the file
            }
            if (tooLong) {
                return TaskRef.rejected(text.substring(0, Math.min(text.length(), 256)), "row longer than " + MAX_ROW_BYTES + " bytes");
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** Reads up to {@code max} tasks; an empty list at the end of the manifest. */
    public List<TaskRef> nextBatch(int max) throws IOException {
        List<TaskRef> batch = new ArrayList<>(Math.min(max, 4096));
        TaskRef t;
        while (batch.size() < max && (t = next()) != null) {
            batch.add(t);
        }
        return batch;
    }

    TaskRef parse(String text) {
        List<String> cols;
        try {
            cols = split(text);
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

    /** Splits one CSV row: commas separate, double quotes may enclose a field and "" is a quote inside one. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
