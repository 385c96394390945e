package dev.s3batch.model.job;

/** A move the state machine does not allow, or a compare-and-set that found the job in another status. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }

    public static IllegalTransitionException of(JobStatus from, JobStatus to) {
        return new IllegalTransitionException("a job cannot move from " + from + " to " + to);
    }
}
