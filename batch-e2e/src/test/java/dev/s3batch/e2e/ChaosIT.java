package dev.s3batch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.s3batch.e2e.chaos.FaultSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault suite in its reduced form (one run of each fault on a 3,000-object job; {@code ./s3batch chaos} runs it in
 * full): a misbehaving store, each service killed, the broker and the database restarted — every job still ends
 * Complete with nothing lost and nothing counted twice, and no service is restarted by hand for the broker or the
 * database.
 */
class ChaosIT {

    @Test
    void everyFaultLeavesItsJobExact() throws Exception {
        RunningServices services = RunningServices.get();
        List<FaultSuite.Outcome> outcomes = new FaultSuite(services.control, System.out).run(FaultSuite.FAULTS, 3_000, 1);
        assertEquals(FaultSuite.FAULTS.size(), outcomes.size());
        for (FaultSuite.Outcome o : outcomes) {
            assertTrue(o.exact(), o.toString());
            assertEquals(0, o.lost(), o.toString());
            assertEquals(0, o.duplicated(), o.toString());
        }
    }
}
