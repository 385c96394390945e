package dev.s3batch.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.event.TaskResult;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.job.ReportLayout;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.job.ReportSpec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportCsvTests {
    static final TaskRef A = TaskRef.of("test-bucket", "batchOperation/1761895099/object-1.txt", null);
    static final TaskRef B = TaskRef.of("test-bucket", "a,b \"c\".txt", "3/L4kq");

    @Test
    void rowsFollowTheOssSchemaWithUrlEncodedKeys() {
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,200,", ReportCsv.row(TaskResult.success(A, 200)));
        assertEquals("test-bucket,a%2Cb%20%22c%22.txt,3/L4kq,404,NoSuchKey: The specified key does not exist.",
                ReportCsv.row(TaskResult.failure(B, 404, "NoSuchKey", "The specified key does not exist.")));
    }

    @Test
    void errorsWithCommasQuotesOrLineBreaksStayOneQuotedField() {
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,403,\"AccessDenied: no, \"\"really\"\"  denied\"",
                ReportCsv.row(TaskResult.failure(A, 403, "AccessDenied", "no, \"really\"\r\ndenied")));
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,400,NoSuchKey",
                ReportCsv.row(TaskResult.failure(A, 400, "NoSuchKey", "NoSuchKey")), "a message equal to its code is not repeated");
    }

    @Test
    void stagedPartsMarkEachRowAndKeepOnlyTheScope() {
        List<TaskResult> results = List.of(TaskResult.success(A, 200), TaskResult.failure(B, 404, "NoSuchKey", null));
        assertEquals("S" + ReportCsv.row(results.get(0)) + "\nF" + ReportCsv.row(results.get(1)) + "\n",
                ReportCsv.stagedPart(results, ReportScope.ALL_TASKS, ReportFormat.OSS_REPORT_CSV_20250901));
        assertEquals("F" + ReportCsv.row(results.get(1)) + "\n", ReportCsv.stagedPart(results, ReportScope.FAILED_TASKS_ONLY, ReportFormat.OSS_REPORT_CSV_20250901));
        assertEquals("", ReportCsv.stagedPart(List.of(results.get(0)), ReportScope.FAILED_TASKS_ONLY, ReportFormat.OSS_REPORT_CSV_20250901));
    }

    @Test
    void awsRowsFollowThePublishedExamples() {
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,succeeded,200,,Successful",
                ReportCsv.row(ReportFormat.AWS_REPORT_CSV_20180820, TaskResult.success(A, 200)));
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,succeeded,200,,\"dest/copies%2Fa,b\"",
                ReportCsv.row(ReportFormat.AWS_REPORT_CSV_20180820, TaskResult.success(A, 200, "dest/copies%2Fa,b")),
                "an operation's result message is the success's ResultMessage");
        assertEquals("test-bucket,batchOperation%2F1761895099%2Fobject-1.txt,,200,",
                ReportCsv.row(TaskResult.success(A, 200, "dest/x")), "OSS rows have no place for it");
        assertEquals("test-bucket,a%2Cb%20%22c%22.txt,3/L4kq,failed,404,NoSuchKey,\"The key, it is gone\"",
                ReportCsv.row(ReportFormat.AWS_REPORT_CSV_20180820, TaskResult.failure(B, 404, "NoSuchKey", "The key, it is gone")));
    }

    @Test
    void awsLayoutIsPrefixJobDashIdWithManifestBesideResults() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000007");
        ReportLayout l = ReportLayout.of(new ReportSpec(true, "b", "reports/", ReportScope.ALL_TASKS, ReportFormat.AWS_REPORT_CSV_20180820), id);
        assertEquals("reports/job-" + id + "/manifest.json", l.manifestKey());
        org.junit.jupiter.api.Assertions.assertTrue(l.reportFileKey(0).matches("reports/job-" + id + "/results/[0-9a-f]{40}\\.csv"), l.reportFileKey(0));
        org.junit.jupiter.api.Assertions.assertNotEquals(l.reportFileKey(0), l.reportFileKey(1));
    }

    @Test
    void layoutIsPrefixJobIdResultsWhateverSlashesThePrefixHas() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000007");
        for (String prefix : List.of("batch-reports/", "/batch-reports", "batch-reports")) {
            ReportLayout l = ReportLayout.of(new ReportSpec(true, "my-bucket", prefix, ReportScope.ALL_TASKS, ReportFormat.OSS_REPORT_CSV_20250901), id);
            assertEquals("batch-reports/" + id + "/results/manifest.json", l.manifestKey());
            assertEquals("batch-reports/" + id + "/results/report-2.csv", l.reportFileKey(2));
        }
        ReportLayout bare = ReportLayout.of(new ReportSpec(true, "b", "", ReportScope.ALL_TASKS, ReportFormat.OSS_REPORT_CSV_20250901), id);
        assertEquals(id + "/results/manifest.json", bare.manifestKey());
        assertEquals(id + "/staging/000000000012-ab.csv", bare.stagedPartKey(12, "ab"));
    }
}
