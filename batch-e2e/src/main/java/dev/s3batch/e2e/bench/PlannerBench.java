package dev.s3batch.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.Tag;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.planner.manifest.CsvManifestReader;
import dev.s3batch.planner.manifest.Inventory;
import dev.s3batch.planner.manifest.InventoryReader;
import dev.s3batch.planner.manifest.ManifestReader;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The planner's expansion, measured alone in its own JVM (so its heap is its own): a generated CSV manifest of
 * {@code rows} rows streamed through the planner's {@link CsvManifestReader} into 1,000-object {@link TaskBatch}es,
 * serialised as the planner serialises them and produced to Kafka ({@code s3batch.bench.v1}) with the planner's
 * producer settings. Prints {@code rows seconds peakUsedHeapBytes liveHeapAfterLastGcBytes batches}.
 *
 * <p>With {@code inventory <endpoint> <accessKey> <secretKey> <bucket> <manifest.json key>} after the two arguments it
 * reads that bucket inventory from the store instead, through the planner's {@link InventoryReader}: every data file
 * streamed, gunzipped and MD5-checked as the planner does.
 */
public final class PlannerBench {
    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        String bootstrap = args[1];
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "lz4");
        p.put("linger.ms", "5");
        p.put("max.request.size", "16777216");
        ObjectMapper json = ModelJson.newMapper();
        UUID job = UUID.randomUUID();
        Operation op = new Operation.PutObjectTagging(List.of(new Tag("project", "bench")));
        sampler.start();
        long t0 = System.nanoTime();
        long seq = 0;
        long read = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
             ManifestReader reader = args.length > 2 && args[2].equals("inventory") ? inventory(args)
                     : new CsvManifestReader(new GeneratedManifest(rows), List.of(ManifestField.BUCKET, ManifestField.KEY), 0)) {
            for (List<TaskRef> tasks; !(tasks = reader.nextBatch(1000)).isEmpty(); seq++) {
                read += tasks.size();
                TaskBatch batch = new TaskBatch(job, seq, "acs:ram::1:role/bench", op, tasks);
                producer.send(new ProducerRecord<>("s3batch.bench.v1", batch.batchId(), json.writeValueAsBytes(batch)));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        System.out.println(read + " " + seconds + " " + peak.get() + " " + liveAfterGc() + " " + seq);
    }

    /** The planner's reader of a bucket inventory in the store, with a MinIO client as the planner's. */
    private static ManifestReader inventory(String[] args) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(args[3]).credentials(args[4], args[5]).build();
        ObjectLocation manifest = new ObjectLocation(args[6], args[7], null);
        Inventory inventory;
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(manifest.bucket()).object(manifest.key()).build())) {
            inventory = Inventory.parse(in, manifest);
        }
        return new InventoryReader(inventory, f -> {
            try {
                return s3.getObject(GetObjectArgs.builder().bucket(f.location().bucket()).object(f.location().key()).build());
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
        }, false, "");
    }

    /** The most heap any collection left in use: what the expansion really keeps, garbage excluded. */
    static long liveAfterGc() {
        long sum = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    /** A CSV manifest generated on the fly, {@code bench-bucket,photos%2F<n>%2Fimage-<n>.jpg}, without holding it. */
    static final class GeneratedManifest extends InputStream {
        private final long rows;
        private long row;
        private byte[] line = new byte[0];
        private int pos;

        GeneratedManifest(long rows) {
            this.rows = rows;
        }

        /** Makes the next line current; false after the last row. */
        private boolean nextLine() {
            if (row == rows) {
                return false;
            }
            line = ("bench-bucket,photos%2F" + (row % 1000) + "%2Fimage-" + row + ".jpg\n").getBytes(StandardCharsets.UTF_8);
            row++;
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (pos == line.length && !nextLine()) {
                return -1;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == line.length && !nextLine()) {
                    return n == 0 ? -1 : n;
                }
                int chunk = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, chunk);
                pos += chunk;
                n += chunk;
            }
            return n;
        }
    }
}
