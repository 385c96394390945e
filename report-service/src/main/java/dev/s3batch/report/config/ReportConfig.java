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
}
