package dev.s3batch.model.job;

import dev.s3batch.model.event.Topics;

/** The task topic a job's batches go to, by priority; workers prefer higher tiers. */
public enum PriorityTier {
    HIGH, NORMAL, LOW;

    /** Priorities at or above {@code highFrom} are HIGH, at or above {@code normalFrom} NORMAL, the rest LOW. */
    public static PriorityTier of(int priority, int highFrom, int normalFrom) {
        if (priority >= highFrom) {
            return HIGH;
        }
        return priority >= normalFrom ? NORMAL : LOW;
    }

    public String topic() {
        return Topics.tasks(this);
    }
}
