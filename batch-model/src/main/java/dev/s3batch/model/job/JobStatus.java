package dev.s3batch.model.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * The job state machine, defined once for every service and every dialect (the 13 states AWS, OSS and COS share).
 * Services move a job only along {@link #canMoveTo} and by compare-and-set on the current status.
 */
public enum JobStatus {
    NEW("New"),
    PREPARING("Preparing"),
    SUSPENDED("Suspended"),
    READY("Ready"),
    ACTIVE("Active"),
    PAUSING("Pausing"),
    PAUSED("Paused"),
    COMPLETING("Completing"),
    COMPLETE("Complete"),
    CANCELLING("Cancelling"),
    CANCELLED("Cancelled"),
    FAILING("Failing"),
    FAILED("Failed");

    private static final Map<JobStatus, EnumSet<JobStatus>> NEXT = Map.ofEntries(
            Map.entry(NEW, EnumSet.of(PREPARING, CANCELLING, FAILING)),
            Map.entry(PREPARING, EnumSet.of(SUSPENDED, READY, CANCELLING, FAILING)),
            Map.entry(SUSPENDED, EnumSet.of(READY, CANCELLING, FAILING)),
            Map.entry(READY, EnumSet.of(ACTIVE, CANCELLING, FAILING)),
            Map.entry(ACTIVE, EnumSet.of(PAUSING, COMPLETING, CANCELLING, FAILING)),
            Map.entry(PAUSING, EnumSet.of(PAUSED, CANCELLING, FAILING)),
            Map.entry(PAUSED, EnumSet.of(ACTIVE, CANCELLING, FAILING)),
            Map.entry(COMPLETING, EnumSet.of(COMPLETE, FAILING)),
            Map.entry(COMPLETE, EnumSet.noneOf(JobStatus.class)),
            Map.entry(CANCELLING, EnumSet.of(CANCELLED)),
            Map.entry(CANCELLED, EnumSet.noneOf(JobStatus.class)),
            Map.entry(FAILING, EnumSet.of(FAILED)),
            Map.entry(FAILED, EnumSet.noneOf(JobStatus.class)));

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name all three APIs use on the wire, e.g. {@code Active}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean canMoveTo(JobStatus next) {
        return NEXT.get(this).contains(next);
    }

    public EnumSet<JobStatus> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    public static Optional<JobStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static JobStatus parse(String name) {
        return fromWire(name).orElseThrow(() -> new IllegalArgumentException("unknown job status: " + name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
