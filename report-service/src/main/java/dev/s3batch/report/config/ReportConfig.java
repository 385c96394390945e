package dev.s3batch.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "s3batch.report")
public interface ReportConfig {

    /** Rows per report CSV file; a job with more results gets several files, all listed in manifest.json. */
    @WithDefault("1000000")
    int rowsPerFile();

    /** How often the finalizer looks for jobs to finish when no notification woke it. */
    @WithDefault("5s")
    Duration finalizePoll();

    /** How long a finalizing job stays this instance's before another may take it over. */
    @WithDefault("300s")
    Duration lease();

    /** Local directory for report files being assembled before upload. */
    @WithDefault("${java.io.tmpdir}")
    String workDir();

    /** While a job is Active, a JobProgressed event is published at most this often (on the job-status topic). */
    @WithDefault("2s")
    Duration progressInterval();

    /**
     * A cancelled or failing job is finished once its published batches have all come back, or when none has come back
     * for this long (a batch lost with a crashed planner, say); outcomes after that are not counted.
     */
    @WithDefault("30s")
    Duration drainTimeout();

    /** When a job fails for its failed tasks (see {@code FailureThreshold}). */
    Threshold threshold();

    interface Threshold {
        /** OSS jobs fail when more than this percentage of their tasks have failed. */
        @WithDefault("20")
        int ossFailedPercent();

        /** AWS and COS jobs are checked once this many tasks have run … */
        @WithDefault("1000")
        int awsMinTasksRun();

        /** … and fail when more than this percentage of the tasks run have failed. */
        @WithDefault("50")
        int awsFailedPercent();
    }
}
