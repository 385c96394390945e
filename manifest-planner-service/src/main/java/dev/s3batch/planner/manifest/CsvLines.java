package dev.s3batch.planner.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a CSV stream, one at a time, never more than {@link #MAX_ROW_BYTES} of one held: a longer line is cut
 * and said to be so. Counts the bytes and lines consumed, so a reader opened at {@link #offset()} (a ranged GET) or
 * after skipping {@link #lines()} lines continues with exactly the next line. A UTF-8 byte-order mark at the start of
 * the stream is dropped; a trailing CR is not part of the line.
 */
final class CsvLines {
    /** Longest row accepted; S3 keys are at most 1,024 bytes (3 × that URL-encoded), the other columns far less. */
    static final int MAX_ROW_BYTES = 8192;

    private final InputStream in;
    private final ByteArrayOutputStream row = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[1 << 16];
    private final boolean atStart;
    private int pos;
    private int limit;
    private long offset;
    private long lines;
    private boolean truncated;

    CsvLines(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
        this.atStart = startOffset == 0;
    }

    /** Bytes consumed, counted from the start of the stream's object. */
    long offset() {
        return offset;
    }

    /** Lines consumed since this reader was opened. */
    long lines() {
        return lines;
    }

    /** Whether the last line returned was longer than {@link #MAX_ROW_BYTES} (and cut). */
    boolean truncated() {
        return truncated;
    }

    /** The next line, or null at the end. */
    String next() throws IOException {
        row.reset();
        truncated = false;
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
            if (pos < limit) {
                pos++;
                consumed++;
                endOfLine = true;
            }
            consumed += length;
            int room = MAX_ROW_BYTES - row.size();
            if (length > room) {
                truncated = true;
            }
            row.write(buffer, start, Math.min(length, Math.max(room, 0)));
        }
        if (consumed == 0) {
            return null;
        }
        boolean first = lines == 0 && atStart;
        offset += consumed;
        lines++;
        String text = row.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (first && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /**
     * Reads only the columns of one CSV row that {@code wanted} marks into {@code out} (by column index) and returns how
     * many columns the row has — an inventory row has a dozen columns of which the planner needs at most five, and this
     * keeps the rest from being copied. The rules are {@link #split}'s.
     */
    static int select(String text, boolean[] wanted, String[] out) {
        int column = 0;
        int i = 0;
        int n = text.length();
        StringBuilder cur = null;
        while (true) {
            boolean keep = column < wanted.length && wanted[column];
            if (keep) {
                cur = cur == null ? new StringBuilder(64) : cur;
                cur.setLength(0);
            }
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quote");
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            if (keep) {
                                cur.append('"');
                            }
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (keep) {
                        cur.append(c);
                    }
                    i++;
                }
            }
            int start = i;
            while (i < n && text.charAt(i) != ',') {
                i++;
            }
            if (keep) {
                out[column] = cur.length() == 0 ? text.substring(start, i) : cur.append(text, start, i).toString();
            }
            column++;
            if (i >= n) {
                return column;
            }
            i++; // the comma
        }
    }

    /** Splits one CSV row: commas separate, double quotes may enclose a field and "" is a quote inside one. */
    static java.util.List<String> split(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
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
