package dev.s3batch.report.report;

import dev.s3batch.model.event.TaskResult;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.model.job.ReportScope;
import dev.s3batch.model.manifest.S3Keys;
import java.util.List;

/**
 * Report rows, keys URL-encoded: OSS {@code Bucket,Key,VersionId,HTTPStatus,Error}; AWS and COS
 * {@code Bucket,Key,VersionId,TaskStatus,HTTPStatusCode,ErrorCode,ResultMessage} (the column order of AWS's published
 * report examples). Staged rows carry one leading character more, {@code S} or {@code F}, so the finalizer can route
 * them to succeeded or failed files.
 */
public final class ReportCsv {
    public static final String SCHEMA = "Bucket,Key,VersionId,HTTPStatus,Error";
    /** The schema string AWS writes in manifest.json. */
    public static final String AWS_SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";

    private ReportCsv() {
    }

    public static String row(ReportFormat format, TaskResult r) {
        if (!format.awsLayout()) {
            return row(r);
        }
        // a success's ResultMessage is the operation's result when it has one (a copy's destination), else AWS's "Successful"
        String message = r.succeeded() ? (r.message() == null ? "Successful" : field(singleLine(r.message())))
                : field(singleLine(r.message() == null ? r.errorCode() : r.message()));
        return field(r.bucket()) + "," + S3Keys.encode(r.key()) + "," + field(r.versionId() == null ? "" : r.versionId())
                + "," + (r.succeeded() ? "succeeded" : "failed") + "," + r.httpStatus() + ","
                + (r.succeeded() ? "" : field(r.errorCode())) + "," + message;
    }

    private static String singleLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /** The OSS row. */
    public static String row(TaskResult r) {
        // one report row is one line: line breaks in a message become spaces
        String error = r.succeeded() ? "" : field((r.errorCode() + (r.message() == null || r.message().equals(r.errorCode())
                ? "" : ": " + r.message())).replace('\n', ' ').replace('\r', ' '));
        return field(r.bucket()) + "," + S3Keys.encode(r.key()) + "," + field(r.versionId() == null ? "" : r.versionId())
                + "," + r.httpStatus() + "," + error;
    }

    /** The staged lines of one batch, in the report's scope; empty when none is in scope. */
    public static String stagedPart(List<TaskResult> results, ReportScope scope, ReportFormat format) {
        StringBuilder out = new StringBuilder();
        for (TaskResult r : results) {
            if (scope == ReportScope.FAILED_TASKS_ONLY && r.succeeded()) {
                continue;
            }
            out.append(r.succeeded() ? 'S' : 'F').append(row(format, r)).append('\n');
        }
        return out.toString();
    }

    /** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
