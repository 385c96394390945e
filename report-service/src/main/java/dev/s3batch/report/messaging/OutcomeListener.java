package dev.s3batch.report.messaging;

import dev.s3batch.model.event.TaskBatchExecuted;
import dev.s3batch.report.service.BatchAccountant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Batch outcomes from the workers; the record is acknowledged only after its accounting committed. */
@ApplicationScoped
public class OutcomeListener {
    private final BatchAccountant accountant;

    public OutcomeListener(BatchAccountant accountant) {
        this.accountant = accountant;
    }

    @Incoming("outcomes")
    public Uni<Void> onOutcome(TaskBatchExecuted outcome) {
        return accountant.account(outcome);
    }
}
