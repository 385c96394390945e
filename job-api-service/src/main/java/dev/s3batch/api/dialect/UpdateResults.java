package dev.s3batch.api.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.model.job.JobStatus;
import java.util.UUID;

/** UpdateJobPriority and UpdateJobStatus answers: the same document in all three dialects. */
public final class UpdateResults {
    private UpdateResults() {
    }

    public static String priority(UUID jobId, int priority) {
        ObjectNode root = XmlBodies.object();
        root.put("JobId", jobId.toString());
        root.put("Priority", priority);
        return XmlBodies.write("UpdateJobPriorityResult", root);
    }

    public static String status(UUID jobId, JobStatus status, String reason) {
        ObjectNode root = XmlBodies.object();
        root.put("JobId", jobId.toString());
        root.put("Status", status.wireName());
        if (reason != null) {
            root.put("StatusUpdateReason", reason);
        }
        return XmlBodies.write("UpdateJobStatusResult", root);
    }
}
