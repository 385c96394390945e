package dev.s3batch.report.messaging;

import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.report.service.BatchAccountant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Batch outcomes from the workers; the record is acknowledged only after its accounting committed. A failed accounting
 * (the database or the store unreachable for a while) is retried with backoff until it succeeds: a failed record would
 * otherwise stop the channel for good under the connector's fail-stop strategy, and every job with it.
 */
@ApplicationScoped
public class OutcomeListener {
    private static final Logger LOG = Logger.getLogger(OutcomeListener.class);
    private final BatchAccountant accountant;

    public OutcomeListener(BatchAccountant accountant) {
        this.accountant = accountant;
    }

    @Incoming("outcomes")
    public Uni<Void> onOutcome(TaskBatchExecuted outcome) {
        return accountant.account(outcome)
                .onFailure().invoke(e -> LOG.warnf("accounting batch %d of job %s failed (%s); retrying", outcome.seq(), outcome.jobId(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).withJitter(0.2).indefinitely();
    }
}
