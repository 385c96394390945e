package dev.s3batch.worker.operation;

import dev.s3batch.worker.config.CopyConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a multipart object's part boundaries from its ETag where the store will not say them (Ceph RGW 16 ignores
 * {@code ?partNumber=}): S3 makes a multipart ETag as {@code hex(MD5(MD5(part 1) … MD5(part n)))-n}, so a part size is
 * proven when the parts it cuts the object into give that ETag. Clients upload parts of one size (the last smaller):
 * the candidates are the sizes in whole MiB and whole MB (at least S3's 5 MiB) that cut the object into exactly
 * {@code n} parts. One pass over the stream feeds every candidate — an MD5 and the job's checksum per part — and the one
 * whose MD5s give the ETag gives the parts' checksums. Parts of different sizes, or an ETag that is not an MD5 (SSE-KMS,
 * SSE-C), prove nothing.
 */
final class PartBoundaries {
    static final int MAX_CANDIDATES = 16;
    private static final long MIB = 1L << 20;
    private static final long MB = 1_000_000L;

    private final Candidate[] candidates;
    private final int parts;
    private final String etagMd5;

    /**
     * @param etag the object's ETag, {@code "<hex>-<n>"} (quotes allowed)
     * @param sums a new checksum of the job's algorithm, one per part
     */
    private PartBoundaries(List<Long> sizes, int parts, String etagMd5, Supplier<ComputeObjectChecksumOperation.Summer> sums) {
        this.parts = parts;
        this.etagMd5 = etagMd5;
        this.candidates = sizes.stream().map(size -> new Candidate(size, sums)).toArray(Candidate[]::new);
    }

    /** The prover of an object of {@code size} bytes with this multipart ETag; empty when no part size can be tried. */
    static Optional<PartBoundaries> of(long size, String etag, Supplier<ComputeObjectChecksumOperation.Summer> sums) {
        String e = etag.replace("\"", "");
        int dash = e.lastIndexOf('-');
        if (dash != 32 || !e.substring(0, dash).matches("[0-9a-fA-F]{32}")) {
            return Optional.empty();
        }
        int parts;
        try {
            parts = Integer.parseInt(e.substring(dash + 1));
        } catch (NumberFormatException ignored) {
            return Optional.empty();
        }
        List<Long> sizes = partSizes(size, parts);
        return sizes.isEmpty() || sizes.size() > MAX_CANDIDATES ? Optional.empty()
                : Optional.of(new PartBoundaries(sizes, parts, e.substring(0, dash).toLowerCase(java.util.Locale.ROOT), sums));
    }

    /** The part sizes, in whole MiB or MB and at least 5 MiB, that cut {@code size} bytes into exactly {@code parts} parts. */
    static List<Long> partSizes(long size, int parts) {
        List<Long> sizes = new ArrayList<>();
        if (parts < 1 || parts > CopyConfig.Settings.MAX_PARTS || size < parts) {
            return sizes;
        }
        if (parts == 1) {
            sizes.add(size);
            return sizes;
        }
        long lo = Math.max(CopyConfig.Settings.MIN_PART, (size + parts - 1) / parts); // n parts hold the object
        long hi = (size - 1) / (parts - 1); // n-1 parts do not
        for (long unit : new long[]{MIB, MB}) {
            for (long p = (lo + unit - 1) / unit * unit; p <= hi && sizes.size() <= MAX_CANDIDATES; p += unit) {
                if (!sizes.contains(p)) {
                    sizes.add(p);
                }
            }
        }
        return sizes;
    }

    void update(byte[] b, int off, int len) {
        for (Candidate c : candidates) {
            c.update(b, off, len);
        }
    }

    /** The parts' checksums of the part size the ETag proves; empty when none does. */
    Optional<List<byte[]>> proven() {
        for (Candidate c : candidates) {
            c.endPart();
            if (c.md5s.size() == parts && etagMd5.equals(HexFormat.of().formatHex(md5(c.md5s)))) {
                return Optional.of(c.sums);
            }
        }
        return Optional.empty();
    }

    int candidates() {
        return candidates.length;
    }

    private static byte[] md5(List<byte[]> all) {
        MessageDigest md = newMd5();
        all.forEach(md::update);
        return md.digest();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One part size: the MD5 and checksum of the part being read, and those of the parts before it. */
    private static final class Candidate {
        final long partSize;
        final Supplier<ComputeObjectChecksumOperation.Summer> newSum;
        final List<byte[]> md5s = new ArrayList<>();
        final List<byte[]> sums = new ArrayList<>();
        MessageDigest md5 = newMd5();
        ComputeObjectChecksumOperation.Summer sum;
        long filled;

        Candidate(long partSize, Supplier<ComputeObjectChecksumOperation.Summer> newSum) {
            this.partSize = partSize;
            this.newSum = newSum;
            this.sum = newSum.get();
        }

        void update(byte[] b, int off, int len) {
            while (len > 0) {
                int n = (int) Math.min(len, partSize - filled);
                md5.update(b, off, n);
                sum.update(b, off, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == partSize) {
                    endPart();
                }
            }
        }

        /** Closes the part being read, if it has any bytes. */
        void endPart() {
            if (filled > 0) {
                md5s.add(md5.digest());
                sums.add(sum.value());
                md5 = newMd5();
                sum = newSum.get();
                filled = 0;
            }
        }
    }
}
