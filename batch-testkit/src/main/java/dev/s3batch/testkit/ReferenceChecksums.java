package dev.s3batch.testkit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Checksums computed the slow, obvious way, to check s3batch's against: CRC64NVME bit by bit from its definition
 * (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones), the rest with the JDK; each as S3
 * writes it, base64 of the big-endian value or digest.
 */
public final class ReferenceChecksums {
    private static final long CRC64NVME_POLY = 0x9A6C9329AC4BC9B5L;

    private ReferenceChecksums() {
    }

    public static long crc64nvme(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CRC64NVME_POLY : crc >>> 1;
            }
        }
        return ~crc;
    }

    /** The raw checksum bytes of {@code data} in {@code algorithm} (S3's names). */
    public static byte[] raw(String algorithm, byte[] data) throws Exception {
        return switch (algorithm) {
            case "CRC32" -> {
                CRC32 c = new CRC32();
                c.update(data);
                yield Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(c.getValue()).array(), 4, 8);
            }
            case "CRC32C" -> {
                CRC32C c = new CRC32C();
                c.update(data);
                yield Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(c.getValue()).array(), 4, 8);
            }
            case "CRC64NVME" -> ByteBuffer.allocate(8).putLong(crc64nvme(data)).array();
            case "MD5" -> MessageDigest.getInstance("MD5").digest(data);
            case "SHA1" -> MessageDigest.getInstance("SHA-1").digest(data);
            case "SHA256" -> MessageDigest.getInstance("SHA-256").digest(data);
            case "SHA512" -> MessageDigest.getInstance("SHA-512").digest(data);
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    public static String base64(String algorithm, byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(raw(algorithm, data));
    }
}
