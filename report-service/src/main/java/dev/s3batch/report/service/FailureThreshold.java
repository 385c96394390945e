package dev.s3batch.report.service;

import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.ReportFormat;
import dev.s3batch.report.config.ReportConfig;
import java.util.Optional;

/**
 * When too many tasks have failed for a job to go on, as each cloud defines it. The job's report format says which
 * dialect created it (the one thing below the adapters that knows):
 * <ul>
 * <li>OSS: more than 20 % of the job's tasks have failed ("If more than 20% of the items in a job fail, the entire job
 *     fails immediately"), counted against the job's total;</li>
 * <li>AWS and COS (COS follows AWS): at least 1,000 tasks have run and more than 50 % of those failed.</li>
 * </ul>
 */
public final class FailureThreshold {
    private final ReportConfig.Threshold config;

    public FailureThreshold(ReportConfig.Threshold config) {
        this.config = config;
    }

    /** The reason the job must fail now, or empty while it may go on. */
    public Optional<JobFailure> exceeded(ReportFormat format, Long totalTasks, long succeeded, long failed) {
        if (format.awsLayout()) {
            long run = succeeded + failed;
            if (run >= config.awsMinTasksRun() && failed * 100 > run * (long) config.awsFailedPercent()) {
                return Optional.of(new JobFailure("FailureThresholdExceeded", "More than " + config.awsFailedPercent()
                        + "% of the " + run + " tasks run so far failed (" + failed + "); the job was stopped."));
            }
            return Optional.empty();
        }
        if (totalTasks != null && totalTasks > 0 && failed * 100 > totalTasks * config.ossFailedPercent()) {
            return Optional.of(new JobFailure("FailureThresholdExceeded", "More than " + config.ossFailedPercent()
                    + "% of the job's " + totalTasks + " tasks failed (" + failed + "); the job was stopped."));
        }
        return Optional.empty();
    }
}
