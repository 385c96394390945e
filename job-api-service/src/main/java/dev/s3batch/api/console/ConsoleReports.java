package dev.s3batch.api.console;

import static dev.s3batch.api.console.ConsoleJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.s3batch.api.dialect.ApiError;
import dev.s3batch.api.dialect.ApiException;
import dev.s3batch.api.service.JobView;
import dev.s3batch.model.job.ReportLayout;
import dev.s3batch.model.role.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's completion report as the console shows it: its files, as the report's {@code manifest.json} lists them
 * (only files of this job's report — in the report bucket, under the job's report path — whatever else the manifest
 * names), and the first rows of failed tasks. Read with the job role's keys.
 */
final class ConsoleReports {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** A report file: where it is, its status (succeeded / failed), and the name a download gets. */
    record File(String bucket, String key, String status, String fileName) {
    }

    private final ConsoleStore store;

    ConsoleReports(ConsoleStore store) {
        this.store = store;
    }

    ObjectNode summary(JobView job, Role role, int previewRows) {
        ObjectNode out = JSON.createObjectNode();
        out.put("enabled", job.spec().report().enabled());
        if (!job.spec().report().enabled()) {
            return out;
        }
        ReportLayout layout = ReportLayout.of(job.spec().report(), job.jobId());
        out.put("bucket", layout.bucket());
        out.put("manifestKey", layout.manifestKey());
        Optional<Listing> listing = listing(job, role);
        out.put("ready", listing.isPresent());
        if (listing.isEmpty()) {
            out.put("message", job.status().isTerminal() ? "No report was written: the job ran no task."
                    : "The report is written when the job ends.");
            return out;
        }
        List<File> files = listing.get().files();
        ArrayNode list = out.putArray("files");
        File firstFailed = null;
        for (int i = 0; i < files.size(); i++) {
            File f = files.get(i);
            list.addObject().put("n", i + 1).put("status", f.status()).put("key", f.key()).put("fileName", f.fileName());
            if (firstFailed == null && f.status().equals("failed")) {
                firstFailed = f;
            }
        }
        ArrayNode columns = out.putArray("columns"); // the report's own names of its columns
        for (String column : listing.get().schema().split(",")) {
            if (!column.isBlank()) {
                columns.add(column.strip());
            }
        }
        ArrayNode rows = out.putArray("failedPreview");
        if (firstFailed != null) {
            try (InputStream in = store.get(role, firstFailed.bucket(), firstFailed.key());
                    MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(in)) {
                while (it.hasNext() && rows.size() < previewRows) {
                    ArrayNode row = rows.addArray();
                    it.next().forEach(row::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The {@code index}-th (0-based) file of the job's report. */
    File file(JobView job, Role role, int index) {
        List<File> files = listing(job, role).map(Listing::files)
                .orElseThrow(() -> new ApiException(ApiError.INVALID_REQUEST, "The job has no report yet."));
        if (index < 0 || index >= files.size()) {
            throw ApiException.invalid("The report has " + files.size() + " files.");
        }
        return files.get(index);
    }

    /** A report's files as its manifest.json lists them, and its columns (its ReportSchema). */
    private record Listing(List<File> files, String schema) {
    }

    /** The report's files as its manifest.json lists them; empty before it is written. */
    private Optional<Listing> listing(JobView job, Role role) {
        if (!job.spec().report().enabled()) {
            return Optional.empty();
        }
        ReportLayout layout = ReportLayout.of(job.spec().report(), job.jobId());
        Optional<InputStream> manifest = store.find(role, layout.bucket(), layout.manifestKey());
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        JsonNode doc;
        try (InputStream in = manifest.get()) {
            doc = JSON.readTree(in);
        } catch (IOException e) {
            throw new ApiException(ApiError.INVALID_REQUEST, "The report's manifest.json is not readable JSON.");
        }
        List<File> files = new ArrayList<>();
        String root = layout.jobRoot() + "/";
        for (JsonNode r : doc.path("Results")) {
            String bucket = r.path("Bucket").asText("");
            String key = r.path("Key").asText("");
            if (bucket.equals(layout.bucket()) && key.startsWith(root) && !key.contains("..")) {
                // the download's name: the key's last part, of characters a header's quoted string holds as they are
                String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
                files.add(new File(bucket, key, r.path("TaskExecutionStatus").asText(""), name.isEmpty() ? "report.csv" : name));
            }
        }
        return Optional.of(new Listing(files, doc.path("ReportSchema").asText("")));
    }
}
