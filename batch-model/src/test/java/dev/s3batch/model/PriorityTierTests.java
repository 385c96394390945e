package dev.s3batch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.s3batch.model.job.PriorityTier;
import org.junit.jupiter.api.Test;

class PriorityTierTests {
    @Test
    void prioritiesMapToTierTopicsAtTheConfiguredThresholds() {
        assertEquals(PriorityTier.LOW, PriorityTier.of(0, 1000, 10));
        assertEquals(PriorityTier.LOW, PriorityTier.of(9, 1000, 10));
        assertEquals(PriorityTier.NORMAL, PriorityTier.of(10, 1000, 10));
        assertEquals(PriorityTier.NORMAL, PriorityTier.of(999, 1000, 10));
        assertEquals(PriorityTier.HIGH, PriorityTier.of(Integer.MAX_VALUE, 1000, 10));
        assertEquals("s3batch.tasks.high.v1", PriorityTier.HIGH.topic());
        assertEquals("s3batch.tasks.low.v1", PriorityTier.LOW.topic());
    }
}
