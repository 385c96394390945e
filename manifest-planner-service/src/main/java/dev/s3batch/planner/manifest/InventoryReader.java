package dev.s3batch.planner.manifest;

import dev.s3batch.model.event.TaskRef;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an inventory's data files in the manifest's order, each streamed and gunzipped, never held whole. Each file's
 * MD5 and size are checked when its last row has been read; a missing, corrupt or changed file fails the job, naming
 * it. The cursor is {@code <file index>:<rows read in it>}: a gzipped file cannot be entered at a byte offset, so a
 * resumed reader reads that file again from its start and skips the rows already given.
 *
 * <p>Rows: a delete marker is skipped (there is nothing to act on); without {@code versions} a row that is not the
 * latest version is skipped and the task acts on the object's current version; with {@code versions} every version
 * row is a task on that version, an empty VersionId being the null version (AWS's inventories write "" for it).
 */
public final class InventoryReader implements ManifestReader {

    /** Opens one data file of the inventory as a raw (gzipped) stream. */
    public interface Files {
        InputStream open(Inventory.DataFile file) throws IOException, ManifestException;
    }

    private final Inventory inventory;
    private final Files files;
    private final boolean versions;
    private int file;
    private long rowsInFile;
    private long skip;
    private InputStream raw;
    private CountingDigest counted;
    private CsvLines lines;
    /** The columns a row's task needs (bucket, key, version, latest, delete marker), and where they are read to. */
    private final boolean[] wanted;
    private final String[] cols;

    public InventoryReader(Inventory inventory, Files files, boolean versions, String cursor) {
        this.inventory = inventory;
        this.files = files;
        this.versions = versions;
        this.wanted = new boolean[inventory.columnCount()];
        for (int c : new int[]{inventory.bucket(), inventory.key(), inventory.versionId(), inventory.isLatest(), inventory.isDeleteMarker()}) {
            if (c >= 0) {
                wanted[c] = true;
            }
        }
        this.cols = new String[inventory.columnCount()];
        if (cursor != null && !cursor.isEmpty()) {
            int colon = cursor.indexOf(':');
            this.file = Integer.parseInt(cursor.substring(0, colon));
            this.skip = Long.parseLong(cursor.substring(colon + 1));
        }
    }

    @Override
    public String cursor() {
        return file + ":" + rowsInFile;
    }

    @Override
    public TaskRef next() throws IOException, ManifestException {
        while (file < inventory.files().size()) {
            if (lines == null) {
                openFile();
            }
            String text = readLine();
            if (text == null) {
                finishFile();
                continue;
            }
            rowsInFile++;
            TaskRef task = task(text);
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    private void openFile() throws IOException, ManifestException {
        Inventory.DataFile f = inventory.files().get(file);
        raw = files.open(f);
        counted = new CountingDigest(raw);
        lines = new CsvLines(gunzip(counted), 0);
        rowsInFile = 0;
        if (skip > 0) {
            for (long i = 0; i < skip; i++) {
                if (readLine() == null) {
                    throw new ManifestException("InventoryInvalid", "The inventory data file " + f.location().key()
                            + " has fewer rows than the job had already read from it: it changed while the job was running.");
                }
            }
            rowsInFile = skip;
            skip = 0;
        }
    }

    private String readLine() throws IOException, ManifestException {
        try {
            return lines.next();
        } catch (ZipException | EOFException e) {
            throw corruptOrTransient(e);
        }
    }

    /** A gzip error over a complete download is a corrupt file; over a short one, an interrupted read (retried). */
    private IOException corruptOrTransient(IOException e) throws ManifestException {
        Inventory.DataFile f = inventory.files().get(file);
        try {
            counted.drain();
        } catch (IOException ignored) {
            return e;
        }
        if (counted.count == f.size()) {
            throw new ManifestException("InventoryInvalid", "The inventory data file " + f.location().key() + " is not a readable gzip file.");
        }
        return e;
    }

    private InputStream gunzip(CountingDigest in) throws IOException, ManifestException {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw corruptOrTransient(e);
        }
    }

    /** At the end of a file's rows: its bytes must be exactly the size and MD5 the manifest.json gives. */
    private void finishFile() throws IOException, ManifestException {
        Inventory.DataFile f = inventory.files().get(file);
        counted.drain();
        raw.close();
        String md5 = HexFormat.of().formatHex(counted.digest.digest());
        if (counted.count != f.size() || !md5.equals(f.md5())) {
            throw new ManifestException("InventoryChecksumMismatch", "The inventory data file " + f.location().key() + " is "
                    + counted.count + " bytes with MD5 " + md5 + ", not " + f.size() + " bytes with MD5 " + f.md5()
                    + " as the inventory manifest says.");
        }
        lines = null;
        file++;
        rowsInFile = 0;
    }

    /** The row's task, or null for a row the job skips. */
    TaskRef task(String text) {
        if (text.isBlank()) {
            return null;
        }
        if (lines.truncated()) {
            return TaskRef.rejected(text.substring(0, Math.min(text.length(), 256)), "row longer than " + CsvLines.MAX_ROW_BYTES + " bytes");
        }
        int count;
        try {
            count = CsvLines.select(text, wanted, cols);
        } catch (IllegalArgumentException e) {
            return TaskRef.rejected(text, "malformed row: " + e.getMessage());
        }
        if (count != inventory.columnCount()) {
            return TaskRef.rejected(text, "malformed row: " + count + " field(s), the inventory's fileSchema has " + inventory.columnCount());
        }
        if (isTrue(inventory.isDeleteMarker())) {
            return null;
        }
        String version = null;
        if (inventory.versionId() >= 0) {
            if (versions) {
                String v = cols[inventory.versionId()].trim();
                version = v.isEmpty() ? "null" : v;
            } else if (inventory.isLatest() >= 0 && !isTrue(inventory.isLatest())) {
                return null;
            }
        }
        return CsvManifestReader.task(text, cols[inventory.bucket()].trim(), cols[inventory.key()], version);
    }

    private boolean isTrue(int index) {
        return index >= 0 && cols[index].trim().equalsIgnoreCase("true");
    }

    @Override
    public void close() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }

    /** Counts and digests the raw bytes of a data file as they are read. */
    private static final class CountingDigest extends DigestInputStream {
        long count;
        final MessageDigest digest;

        CountingDigest(InputStream in) {
            super(in, md5());
            this.digest = getMessageDigest();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        /** Reads what is left (a gzip trailer, padding), so the digest covers the whole file. */
        void drain() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // digested
            }
        }

        private static MessageDigest md5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
