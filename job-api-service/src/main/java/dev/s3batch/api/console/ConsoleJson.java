package dev.s3batch.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.api.service.JobControl;
import dev.s3batch.api.service.JobView;
import dev.s3batch.model.job.JobFailure;
import dev.s3batch.model.job.JobStatus;
import java.util.List;

/** The console API's JSON documents: a session, a job as the list and as its page show it, an error. */
final class ConsoleJson {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The canonical model's own JSON (an operation's and a manifest's fields, as stored). */
    private static final ObjectMapper MODEL = dev.s3batch.model.event.ModelJson.newMapper();

    private ConsoleJson() {
    }

    static ObjectNode session(ConsoleSessions.Session s) {
        ObjectNode out = JSON.createObjectNode();
        out.put("account", s.account());
        out.put("accessKeyId", s.accessKeyId());
        out.put("csrfToken", s.csrfToken());
        out.put("expiresAt", s.expiresAt().toString());
        return out;
    }

    /** A job as a row of the list shows it, with the actions its status allows. */
    static ObjectNode summary(JobView j) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", j.jobId().toString());
        out.put("status", j.status().wireName());
        out.put("priority", j.priority());
        out.put("operation", j.spec().operation().name());
        out.put("description", j.spec().description());
        out.put("createdAt", j.createdAt().toString());
        out.put("terminatedAt", j.terminatedAt() == null ? null : j.terminatedAt().toString());
        if (j.totalTasks() == null) {
            out.putNull("totalTasks");
        } else {
            out.put("totalTasks", j.totalTasks());
        }
        out.put("succeeded", j.succeeded());
        out.put("failed", j.failed());
        out.put("elapsedActiveSeconds", j.elapsedActiveSeconds());
        out.put("finished", j.status().isTerminal()); // the page stops refreshing; the rule stays the server's
        ObjectNode actions = out.putObject("actions");
        actions.put("confirm", j.status() == JobStatus.SUSPENDED);
        actions.put("cancel", JobControl.cancellable(j.status()));
        actions.put("priority", !j.status().isTerminal()); // a finished job's priority cannot change
        return out;
    }

    /** A job as its page shows it. */
    static ObjectNode detail(JobView j) {
        ObjectNode out = summary(j);
        out.put("roleArn", j.spec().roleArn());
        out.put("confirmationRequired", j.spec().confirmationRequired());
        out.put("statusUpdateReason", j.statusUpdateReason());
        out.put("suspendedAt", j.suspendedAt() == null ? null : j.suspendedAt().toString());
        ArrayNode failures = out.putArray("failureReasons");
        for (JobFailure f : j.failureReasons()) {
            failures.addObject().put("code", f.failureCode()).put("reason", f.failureReason());
        }
        ObjectNode report = out.putObject("report");
        report.put("enabled", j.spec().report().enabled());
        report.put("bucket", j.spec().report().bucket());
        report.put("prefix", j.spec().report().prefix());
        report.put("scope", j.spec().report().scope().name());
        out.set("operationDetail", MODEL.convertValue(j.spec().operation(), JsonNode.class));
        out.set("manifest", MODEL.convertValue(j.spec().manifest(), JsonNode.class));
        return out;
    }

    static ObjectNode history(List<JobControl.StatusChange> changes) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("changes");
        for (JobControl.StatusChange c : changes) {
            list.addObject().put("from", c.from()).put("to", c.to()).put("reason", c.reason()).put("at", c.at().toString());
        }
        return out;
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }
}
