package dev.s3batch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.s3batch.e2e.client.CosJobClient;
import dev.s3batch.e2e.client.S3Fixtures;
import io.minio.GetObjectArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/**
 * {@code ./s3batch bench --big-copy GiB}: one COS copy job of one object of that size (above S3's 5 GiB CopyObject limit
 * by default), on the local stack. The object is generated and uploaded as a stream (never held in memory), its MD5
 * taken on the way; the copy is read back as a stream and its MD5 compared. Prints the copy's seconds and MiB/s, its
 * ETag (a multipart copy's ends in {@code -<parts>}) and whether the bodies match.
 */
final class BigCopyBench {
    private final Bench bench;
    private final S3Fixtures s3;
    private final CosJobClient cos;

    BigCopyBench(Bench bench, S3Fixtures s3, CosJobClient cos) {
        this.bench = bench;
        this.s3 = s3;
        this.cos = cos;
    }

    void run(int gib, String stamp) throws Exception {
        long size = (long) gib << 30;
        String source = "bench-bigcopy-" + stamp;
        String dest = "bench-bigcopy-copies-" + stamp;
        s3.bucket(source);
        s3.bucket(dest);
        s3.bucket("bench-reports");
        bench.log("uploading one object of %d GiB", gib);
        MessageDigest sent = MessageDigest.getInstance("MD5");
        long t0 = System.nanoTime();
        try (InputStream body = new DigestInputStream(new Generated(size), sent)) {
            s3.client().putObject(PutObjectArgs.builder().bucket(source).object("big").stream(body, size, 64L << 20)
                    .contentType("application/x-bench").userMetadata(java.util.Map.of("size", gib + "GiB")).build());
        }
        bench.figure("big_copy_upload_seconds", Bench.seconds(t0), "s");
        String etag = s3.putManifest(source, "manifest.csv", java.util.List.of("big"));

        long created = System.nanoTime();
        String jobId = cos.create(CosJobClient.createBody("<COSPutObjectCopy><TargetResource>qcs::cos:ap-guangzhou::" + dest
                + "</TargetResource></COSPutObjectCopy>", source, "manifest.csv", etag, "bench-reports", "bench-bigcopy/" + stamp, "batch-role", false));
        JsonNode job = cos.awaitTerminal(jobId, Duration.ofHours(1));
        double seconds = Bench.seconds(created);
        bench.log("job %s ended %s: %s", jobId, job.path("Status").asText(), job.path("ProgressSummary"));
        bench.figure("big_copy_bytes", size, "bytes");
        bench.figure("big_copy_job_seconds_create_to_complete", seconds, "s");
        bench.figure("big_copy_job_mib_per_second", size / 1048576.0 / seconds, "MiB/s");
        bench.figure("big_copy_succeeded", job.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong(), "tasks");
        if (job.path("ProgressSummary").path("NumberOfTasksSucceeded").asLong() == 1) {
            var head = s3.client().statObject(StatObjectArgs.builder().bucket(dest).object("big").build());
            bench.log("the copy: %d bytes, ETag %s, Content-Type %s, metadata %s", head.size(), head.etag(), head.contentType(), head.userMetadata());
            MessageDigest read = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(s3.client().getObject(GetObjectArgs.builder().bucket(dest).object("big").build()), read)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            byte[] copyMd5 = read.digest();
            boolean same = MessageDigest.isEqual(sent.digest(), copyMd5);
            bench.figure("big_copy_body_matches", same ? 1 : 0, "bool");
            bench.figure("big_copy_parts", head.etag().contains("-") ? Long.parseLong(head.etag().replaceAll(".*-(\\d+)\"?$", "$1")) : 1, "parts");
            bench.log("body MD5 %s", HexFormat.of().formatHex(copyMd5));
            s3.client().removeObject(RemoveObjectArgs.builder().bucket(dest).object("big").build());
        }
        s3.client().removeObject(RemoveObjectArgs.builder().bucket(source).object("big").build());
    }

    /** {@code size} bytes of pseudo-random data, made as they are read. */
    private static final class Generated extends InputStream {
        private final Random random = new Random(42);
        private final byte[] block = new byte[1 << 20];
        private long left;
        private int position = block.length;

        Generated(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            if (position == block.length) {
                random.nextBytes(block);
                position = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - position), left);
            System.arraycopy(block, position, b, off, n);
            position += n;
            left -= n;
            return n;
        }
    }
}
