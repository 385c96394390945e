package dev.s3batch.report.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.ReportLayout;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.report.config.ReportConfig;
import dev.s3batch.report.repository.ReportRepository;
import dev.s3batch.report.repository.ReportRepository.LedgerEntry;
import dev.s3batch.report.s3.S3Clients;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Assembles a job's completion report from its staged batch parts, in batch order, into CSV files of at most
 * {@code rowsPerFile} rows (succeeded rows first, then failed), each uploaded whole; {@code manifest.json} is written
 * last, so a report with a manifest is complete. Memory stays bounded: one staged part and one output buffer at a time.
 * Rebuilding is deterministic, so a finalizer that crashes half-way simply starts again.
 */
@ApplicationScoped
public class ReportWriter {
    private static final ObjectMapper JSON = ModelJson.newMapper();
    private static final int LEDGER_PAGE = 1000;

    private final ReportRepository repository;
    private final S3Clients s3;
    private final ReportConfig config;
    private final Counter reportBytes;

    public ReportWriter(ReportRepository repository, S3Clients s3, ReportConfig config, MeterRegistry metrics) {
        this.repository = repository;
        this.s3 = s3;
        this.config = config;
        this.reportBytes = bytesWritten(metrics, "report");
    }

    /**
     * {@code s3batch_report_written_bytes_total{kind}}: bytes the service wrote to report buckets — {@code staged}
     * (each batch's rows), {@code report} (the report files and their manifest.json).
     */
    public static Counter bytesWritten(MeterRegistry metrics, String kind) {
        return Counter.builder("s3batch.report.written").description("Bytes written to report buckets").baseUnit("bytes")
                .tag("kind", kind).register(metrics);
    }

    /** Writes the report if the job asked for one and ran at least one task; returns the manifest key, or null. */
    public String write(UUID jobId, JobSpec spec) throws Exception {
        if (!spec.report().enabled() || repository.ledger(jobId, -1, 1).isEmpty()) {
            return null;
        }
        MinioClient client = s3.forRole(spec.roleArn());
        ReportLayout layout = ReportLayout.of(spec.report(), jobId);
        List<ObjectNode> results = new ArrayList<>();
        try (RollingCsv succeeded = new RollingCsv(client, layout, "succeeded", results);
             RollingCsv failed = new RollingCsv(client, layout, "failed", results)) {
            // Two passes over the parts keep succeeded and failed rows in separate files, each in batch order; each pass
            // reads only the parts that hold rows of its status (most batches have no failed row).
            boolean succeededRows = spec.report().scope() == ReportScope.ALL_TASKS;
            for (RollingCsv target : List.of(succeeded, failed)) {
                boolean succeededPass = target == succeeded;
                long after = -1;
                for (List<LedgerEntry> page; !(page = repository.ledger(jobId, after, LEDGER_PAGE)).isEmpty(); ) {
                    for (LedgerEntry entry : page) {
                        after = entry.seq();
                        boolean hasRows = succeededPass ? succeededRows && entry.succeeded() > 0 : entry.failed() > 0;
                        if (hasRows && !entry.partKey().isEmpty()) {
                            copyRows(client, layout.bucket(), entry.partKey(), succeededPass ? 'S' : 'F', target);
                        }
                    }
                }
                target.flush();
            }
        }
        boolean aws = spec.report().format().awsLayout();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("Format", spec.report().format().wireName());
        manifest.put("ReportCreationDate", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode list = manifest.putArray("Results");
        results.forEach(list::add);
        manifest.put("ReportSchema", aws ? ReportCsv.AWS_SCHEMA : ReportCsv.SCHEMA);
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        client.putObject(PutObjectArgs.builder().bucket(layout.bucket()).object(layout.manifestKey())
                .stream(new ByteArrayInputStream(body), body.length, -1).contentType("application/json").build());
        reportBytes.increment(body.length);
        return layout.manifestKey();
    }

    /** Deletes the staged parts of a finished job. */
    public void deleteStaging(UUID jobId, JobSpec spec) throws Exception {
        if (!spec.report().enabled()) {
            return;
        }
        MinioClient client = s3.forRole(spec.roleArn());
        ReportLayout layout = ReportLayout.of(spec.report(), jobId);
        List<DeleteObject> batch = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(layout.bucket())
                .prefix(layout.stagingPrefix()).recursive(true).build())) {
            batch.add(new DeleteObject(item.get().objectName()));
            if (batch.size() == 1000) {
                removeAll(client, layout.bucket(), batch);
            }
        }
        removeAll(client, layout.bucket(), batch);
    }

    private static void removeAll(MinioClient client, String bucket, List<DeleteObject> objects) throws Exception {
        if (objects.isEmpty()) {
            return;
        }
        for (var r : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(new ArrayList<>(objects)).build())) {
            r.get(); // surfaces a failed delete
        }
        objects.clear();
    }

    private static void copyRows(MinioClient client, String bucket, String key, char marker, RollingCsv target) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty() && line.charAt(0) == marker) {
                    target.add(line.substring(1));
                }
            }
        }
    }

    /** Report CSV files of one status: rows go to a local file, uploaded when it is full or at the end. */
    private final class RollingCsv implements AutoCloseable {
        private final MinioClient client;
        private final ReportLayout layout;
        private final String status;
        private final List<ObjectNode> results;
        private Path file;
        private BufferedWriter out;
        private MessageDigest md5;
        private long rows;

        RollingCsv(MinioClient client, ReportLayout layout, String status, List<ObjectNode> results) {
            this.client = client;
            this.layout = layout;
            this.status = status;
            this.results = results;
        }

        void add(String row) throws Exception {
            if (out == null) {
                file = Files.createTempFile(Path.of(config.workDir()), "s3batch-report-", ".csv");
                md5 = MessageDigest.getInstance("MD5");
                out = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(Files.newOutputStream(file), md5), StandardCharsets.UTF_8), 1 << 16);
            }
            out.write(row);
            out.write('\n');
            if (++rows == config.rowsPerFile()) {
                flush();
            }
        }

        void flush() throws Exception {
            if (out == null) {
                return;
            }
            out.close();
            String key = layout.reportFileKey(results.size());
            client.uploadObject(UploadObjectArgs.builder().bucket(layout.bucket()).object(key).filename(file.toString())
                    .contentType("text/csv").build());
            reportBytes.increment(Files.size(file));
            ObjectNode entry = JSON.createObjectNode();
            entry.put("TaskExecutionStatus", status);
            entry.put("Bucket", layout.bucket());
            String md5Hex = HexFormat.of().formatHex(md5.digest());
            // OSS quotes the checksum as an ETag, AWS does not
            entry.put("MD5Checksum", layout.format().awsLayout() ? md5Hex : "\"" + md5Hex + "\"");
            entry.put("Key", key);
            results.add(entry);
            Files.deleteIfExists(file);
            out = null;
            rows = 0;
        }

        @Override
        public void close() throws Exception {
            if (out != null) {
                out.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
