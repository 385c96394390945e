package dev.s3batch.worker.operation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.s3batch.testkit.ReferenceChecksums;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComputeObjectChecksumOperationTests {

    /** The catalogue check values of "123456789", and s3batch's summers fed in odd slices against the reference. */
    @Test
    void everyAlgorithmMatchesItsDefinition() throws Exception {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xAE8B14860A799888L, ReferenceChecksums.crc64nvme(check), "the reference itself: CRC-64/NVME's check value");
        assertArrayEquals(new byte[]{(byte) 0xCB, (byte) 0xF4, 0x39, 0x26}, ReferenceChecksums.raw("CRC32", check));
        assertArrayEquals(new byte[]{(byte) 0xE3, 0x06, (byte) 0x92, (byte) 0x83}, ReferenceChecksums.raw("CRC32C", check));
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        for (String algorithm : List.of("CRC32", "CRC32C", "CRC64NVME", "MD5", "SHA1", "SHA256", "SHA512")) {
            ComputeObjectChecksumOperation.Summer sum = ComputeObjectChecksumOperation.summer(algorithm);
            for (int off = 0; off < data.length; off += 4093) {
                sum.update(data, off, Math.min(4093, data.length - off));
            }
            assertArrayEquals(ReferenceChecksums.raw(algorithm, data), sum.value(), algorithm);
        }
    }
}
