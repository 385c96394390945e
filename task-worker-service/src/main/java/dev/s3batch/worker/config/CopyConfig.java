package dev.s3batch.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How copies are made ({@code s3batch.worker.copy.*}). */
@ConfigMapping(prefix = "s3batch.worker.copy")
public interface CopyConfig {

    /**
     * Objects larger than this are copied with multipart UploadPartCopy; smaller ones with one CopyObject (which S3
     * limits to 5 GiB). At 5 GiB or more, a plain copy is tried as one CopyObject without reading the source first, and
     * an object the store refuses as too large is then copied by multipart; below, each source is read first (HEAD).
     */
    @WithDefault("5368709120")
    long multipartThreshold();

    /** The part size of a multipart copy (raised when an object would need more than 10,000 parts; at least 5 MiB). */
    @WithDefault("268435456")
    long partSize();

    /** Parts of one multipart copy copied at once. */
    @WithDefault("4")
    int partConcurrency();

    /** The settings as a plain record, for the operation that uses them. */
    default Settings settings() {
        return new Settings(multipartThreshold(), partSize(), partConcurrency());
    }

    record Settings(long multipartThreshold, long partSize, int partConcurrency) {
        /** S3's largest CopyObject source. */
        public static final long S3_COPY_LIMIT = 5L << 30;
        /** S3's smallest part (all but the last) and most parts of one multipart upload. */
        public static final long MIN_PART = 5L << 20;
        public static final int MAX_PARTS = 10_000;

        /** The part size of a multipart upload of {@code size} bytes: {@code partSize}, raised to stay within 10,000 parts, at least 5 MiB. */
        public long partSizeFor(long size) {
            return Math.max(MIN_PART, Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS));
        }
        public static final Settings DEFAULT = new Settings(S3_COPY_LIMIT, 256L << 20, 4);
    }
}
