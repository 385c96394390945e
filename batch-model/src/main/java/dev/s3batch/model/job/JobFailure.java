package dev.s3batch.model.job;

/** Why a job failed, as DescribeJob's {@code FailureReasons/JobFailure} shows it. */
public record JobFailure(String failureCode, String failureReason) {
}
