package dev.s3batch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3batch.model.event.CloudEvent;
import dev.s3batch.model.event.JobCreated;
import dev.s3batch.model.event.JobProgress;
import dev.s3batch.model.event.JobProgressed;
import dev.s3batch.model.event.JobStatusChanged;
import dev.s3batch.model.event.ModelJson;
import dev.s3batch.model.event.TaskBatch;
import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.event.TaskResult;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobSpec;
import dev.s3batch.model.job.JobStatus;
import dev.s3batch.model.job.ManifestField;
import dev.s3batch.model.job.ManifestSpec;
import dev.s3batch.model.job.ObjectLocation;
import dev.s3batch.model.job.Operation;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.ReportSpec;
import dev.s3batch.model.job.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire format of every event: each sample must serialise to exactly its golden file and read back equal.
 * A failure here is a breaking change of a contract other services (or subscribers) rely on.
 */
class ContractGoldenTests {
    static final ObjectMapper JSON = ModelJson.newMapper();
    static final UUID JOB = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-001122334455");
    static final Operation TAGGING = new Operation.PutObjectTagging(List.of(new Tag("project", "blue"), new Tag("tier", "gold")));

    static JobSpec spec() {
        return new JobSpec("1234567890123456", TAGGING,
                new ManifestSpec.Csv(List.of(ManifestField.BUCKET, ManifestField.KEY),
                        new ObjectLocation("manifests", "jobs/manifest.csv", null), "1466CA50719515AAE6F92101D83B6A20"),
                new ReportSpec(true, "reports", "batch-reports", ReportScope.ALL_TASKS, ReportFormat.OSS_REPORT_CSV_20250901),
                10, "acs:ram::1234567890123456:role/batch-role", "tag objects", false, "token-0001");
    }

    @Test
    void jobCreated() throws IOException {
        check("job-created.json", new JobCreated(JOB, Instant.parse("2026-11-21T10:15:30Z"), spec()), JobCreated.class);
    }

    @Test
    void taskBatch() throws IOException {
        check("task-batch.json", new TaskBatch(JOB, 7, "acs:ram::1234567890123456:role/batch-role", TAGGING,
                List.of(TaskRef.of("photos", "a b/c.jpg", null), TaskRef.of("photos", "v.txt", "3/L4kqtJlcpXroDT"),
                        TaskRef.rejected("photos", "malformed row: 1 field, expected 2"))), TaskBatch.class);
    }

    @Test
    void taskBatchExecuted() throws IOException {
        TaskRef ok = TaskRef.of("photos", "a b/c.jpg", null);
        TaskRef missing = TaskRef.of("photos", "gone.jpg", null);
        check("task-batch-executed.json", new TaskBatchExecuted(JOB, 7, List.of(TaskResult.success(ok, 200),
                TaskResult.failure(missing, 404, "NoSuchKey", "The specified key does not exist.")), 3), TaskBatchExecuted.class);
    }

    @Test
    void jobStatusChangedCloudEvent() throws IOException {
        var data = new JobStatusChanged(JOB, "1234567890123456", JobStatus.PREPARING, JobStatus.FAILING, "manifest unreadable",
                List.of(new JobFailure("ManifestNotFound", "manifest manifests/jobs/manifest.csv does not exist")),
                new JobProgress(null, 0, 0, 0));
        checkEvent("job-status-changed.json", CloudEvent.of("0b7e2c1a-0000-4000-8000-000000000001", "/s3batch/jobs",
                JobStatusChanged.TYPE, JOB.toString(), Instant.parse("2026-11-21T10:15:31Z"), data), JobStatusChanged.class);
    }

    @Test
    void jobProgressedCloudEvent() throws IOException {
        var data = new JobProgressed(JOB, "1234567890123456", JobStatus.ACTIVE, new JobProgress(20000L, 7250, 12, 9));
        checkEvent("job-progressed.json", CloudEvent.of("0b7e2c1a-0000-4000-8000-000000000002", "/s3batch/jobs",
                JobProgressed.TYPE, JOB.toString(), Instant.parse("2026-11-21T10:16:00Z"), data), JobProgressed.class);
    }

    private static <T> void checkEvent(String file, CloudEvent<T> event, Class<T> dataType) throws IOException {
        JsonNode golden = golden(file);
        assertEquals(golden, serialised(event));
        var back = JSON.readValue(golden.toString(), JSON.getTypeFactory().constructParametricType(CloudEvent.class, dataType));
        assertEquals(event, back);
    }

    private static <T> void check(String file, T sample, Class<T> type) throws IOException {
        JsonNode golden = golden(file);
        assertEquals(golden, serialised(sample), "serialised form of " + type.getSimpleName() + " differs from " + file);
        assertEquals(sample, JSON.treeToValue(golden, type), file + " does not read back as the sample");
    }

    /** The JSON text a sample serialises to, read back as a tree (so numbers compare by value, not by Java type). */
    private static JsonNode serialised(Object sample) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(sample));
    }

    private static JsonNode golden(String file) throws IOException {
        try (InputStream in = ContractGoldenTests.class.getResourceAsStream("/golden/" + file)) {
            return JSON.readTree(in);
        }
    }
}
