package dev.s3batch.report.messaging;

import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.model.store.Retries;
import dev.s3batch.report.service.BatchAccountant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Batch outcomes from the workers; the record is acknowledged only after its accounting committed. A failed accounting
 * (the database or the store unreachable for a while) is retried until it succeeds ({@link Retries#untilDone}).
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
        return Retries.untilDone(accountant.account(outcome)
                .onFailure().invoke(e -> LOG.warnf("accounting batch %d of job %s failed (%s); retrying", outcome.seq(), outcome.jobId(),
                        e.getMessage())));
    }
}
