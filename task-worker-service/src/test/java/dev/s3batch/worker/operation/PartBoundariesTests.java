package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.testkit.ReferenceChecksums;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartBoundariesTests {
    static final int MIB = 1 << 20;

    @Test
    void thePartSizeTheEtagProvesGivesEachPartsChecksum() throws Exception {
        byte[] object = new byte[20 * MIB + 12345];
        new Random(3).nextBytes(object);
        for (long partSize : new long[]{5L * MIB, 8L * MIB, 6_000_000L, 7L * MIB}) {
            List<byte[]> parts = cut(object, partSize);
            PartBoundaries prover = PartBoundaries.of(object.length, etag(parts), () -> ComputeObjectChecksumOperation.summer("SHA256")).orElseThrow();
            feed(prover, object);
            List<byte[]> sums = prover.proven().orElseThrow(() -> new AssertionError("part size " + partSize));
            assertEquals(parts.size(), sums.size());
            for (int i = 0; i < parts.size(); i++) {
                assertArrayEquals(ReferenceChecksums.raw("SHA256", parts.get(i)), sums.get(i), "part " + (i + 1) + " of " + partSize);
            }
        }
    }

    @Test
    void partsOfDifferentSizesOrAnEtagThatIsNotAnMd5ProveNothing() throws Exception {
        byte[] object = new byte[12 * MIB];
        new Random(4).nextBytes(object);
        List<byte[]> uneven = List.of(Arrays.copyOfRange(object, 0, 6 * MIB), Arrays.copyOfRange(object, 6 * MIB, 11 * MIB),
                Arrays.copyOfRange(object, 11 * MIB, 12 * MIB));
        PartBoundaries prover = PartBoundaries.of(object.length, etag(uneven), () -> ComputeObjectChecksumOperation.summer("CRC32C")).orElseThrow();
        feed(prover, object);
        assertTrue(prover.proven().isEmpty(), "6 + 5 + 1 MiB are not parts of one size");
        assertTrue(PartBoundaries.of(object.length, "\"0123456789abcdef0123456789abcdef\"", () -> null).isEmpty(), "not multipart");
        assertTrue(PartBoundaries.of(object.length, "kms-encrypted-etag-3", () -> null).isEmpty());
        assertTrue(PartBoundaries.of(object.length, "0123456789abcdef0123456789abcdef-99999999999", () -> null).isEmpty());
    }

    @Test
    void theCandidatesCutTheObjectIntoExactlyItsParts() {
        assertEquals(List.of(5L * MIB, 6_000_000L), PartBoundaries.partSizes(12L * MIB, 3).stream()
                .filter(p -> p == 5L * MIB || p == 6_000_000L).toList());
        for (long p : PartBoundaries.partSizes(100L * MIB + 1, 7)) {
            assertEquals(7, (100L * MIB + 1 + p - 1) / p, "part size " + p);
            assertTrue(p >= 5L * MIB);
        }
        assertEquals(List.of(3L), PartBoundaries.partSizes(3, 1), "one part: the object");
        assertTrue(PartBoundaries.partSizes(1L << 30, 2).size() > PartBoundaries.MAX_CANDIDATES, "2 parts of 1 GiB: too many sizes to try");
        assertTrue(PartBoundaries.of(1L << 30, "0123456789abcdef0123456789abcdef-2", () -> null).isEmpty());
    }

    private static List<byte[]> cut(byte[] object, long partSize) {
        List<byte[]> parts = new ArrayList<>();
        for (long at = 0; at < object.length; at += partSize) {
            parts.add(Arrays.copyOfRange(object, (int) at, (int) Math.min(object.length, at + partSize)));
        }
        return parts;
    }

    /** The ETag S3 gives a multipart upload of these parts. */
    static String etag(List<byte[]> parts) throws Exception {
        MessageDigest all = MessageDigest.getInstance("MD5");
        for (byte[] p : parts) {
            all.update(MessageDigest.getInstance("MD5").digest(p));
        }
        return "\"" + HexFormat.of().formatHex(all.digest()) + "-" + parts.size() + "\"";
    }

    /** The object in uneven chunks, as a network read gives it. */
    private static void feed(PartBoundaries prover, byte[] object) {
        Random r = new Random(5);
        for (int at = 0; at < object.length; ) {
            int n = Math.min(object.length - at, 1 + r.nextInt(200_000));
            prover.update(object, at, n);
            at += n;
        }
    }
}
