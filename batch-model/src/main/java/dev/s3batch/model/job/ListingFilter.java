package dev.s3batch.model.job;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which listed objects a generated manifest keeps (AWS's JobManifestGeneratorFilter; the key prefix is the listing's
 * own). Every condition that is set must hold; an unset one keeps everything.
 *
 * @param createdAfter keep objects last modified after this instant (S3 has no other creation time)
 * @param sizeGreaterThan keep objects strictly larger than this many bytes
 * @param storageClasses keep objects of one of these storage classes (STANDARD when the store names none)
 */
public record ListingFilter(Instant createdAfter, Instant createdBefore, Long sizeGreaterThan, Long sizeLessThan,
        List<String> storageClasses, String keySuffix, String keySubstring) {

    public static final ListingFilter NONE = new ListingFilter(null, null, null, null, List.of(), null, null);

    public ListingFilter {
        storageClasses = storageClasses == null ? List.of() : List.copyOf(storageClasses);
    }

    /** Whether a listed object passes. */
    public boolean matches(String key, long size, Instant lastModified, String storageClass) {
        if (createdAfter != null && (lastModified == null || !lastModified.isAfter(createdAfter))) {
            return false;
        }
        if (createdBefore != null && (lastModified == null || !lastModified.isBefore(createdBefore))) {
            return false;
        }
        if (sizeGreaterThan != null && size <= sizeGreaterThan) {
            return false;
        }
        if (sizeLessThan != null && size >= sizeLessThan) {
            return false;
        }
        if (!storageClasses.isEmpty()) {
            String cls = storageClass == null || storageClass.isEmpty() ? "STANDARD" : storageClass.toUpperCase(Locale.ROOT);
            if (!storageClasses.contains(cls)) {
                return false;
            }
        }
        if (keySuffix != null && !key.endsWith(keySuffix)) {
            return false;
        }
        return keySubstring == null || key.contains(keySubstring);
    }
}
