package dev.s3batch.worker.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.s3batch.model.event.TaskRef;
import dev.s3batch.model.function.Function;
import dev.s3batch.model.job.Operation;
import dev.s3batch.worker.s3.StoreClient;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * AWS LambdaInvoke as a webhook: for each object it POSTs AWS's invocation event (schema 1.0 or 2.0, one task) to the
 * endpoint the operator mapped the function ARN to, and reads AWS's response contract: per task a {@code resultCode}
 * — {@code Succeeded}, {@code TemporaryFailure} (invoked again with backoff, then failed) or {@code PermanentFailure}
 * — and a {@code resultString} for the report; a task the response leaves out counts as {@code treatMissingKeysAs}
 * (PermanentFailure unless the function says otherwise). A timeout, a refused connection, 429 or 5xx are retried like a
 * TemporaryFailure; any other non-2xx answer and a body that is not the contract fail the task with what was wrong.
 */
public final class LambdaInvokeOperation implements ObjectOperation {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest resultString kept for the report. */
    static final int MAX_RESULT = 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Operation.LambdaInvoke op;
    private final Function function;
    private final String jobId;
    private final Retry retry;

    /** How often and how soon a temporary failure is invoked again. */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    }

    public LambdaInvokeOperation(Operation.LambdaInvoke op, Function function, String jobId, Retry retry) {
        this.op = op;
        this.function = function;
        this.jobId = jobId;
        this.retry = retry;
    }

    @Override
    public Slots ownSlots() {
        return new Slots("function:" + function.id(), function.concurrency());
    }

    @Override
    public CompletableFuture<Outcome> run(StoreClient s3, TaskRef task) {
        String invocationId = id();
        String taskId = id();
        byte[] event = event(invocationId, taskId, task);
        return attempt(event, taskId, 1);
    }

    private CompletableFuture<Outcome> attempt(byte[] event, String taskId, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(function.url()).timeout(function.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(event));
        function.authorization().ifPresent(a -> request.header("Authorization", a));
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> error != null ? Result.of(error, function) : Result.of(response, taskId))
                .thenCompose(result -> {
                    if (result.temporary() && attempt < retry.maxAttempts()) {
                        return delayed(backoff(attempt)).thenCompose(v -> attempt(event, taskId, attempt + 1));
                    }
                    if (result.outcome() != null) {
                        return CompletableFuture.completedFuture(result.outcome());
                    }
                    String message = result.temporary() && attempt > 1 ? result.failure().getMessage() + " (after " + attempt + " invocations)"
                            : result.failure().getMessage();
                    return CompletableFuture.failedFuture(new TaskFailure(result.failure().httpStatus(), result.failure().code(), message));
                });
    }

    /** What one invocation came to: a success, or a failure that may be temporary. */
    record Result(Outcome outcome, TaskFailure failure, boolean temporary) {
        static Result of(HttpResponse<String> response, String taskId) {
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                return fail(status, "FunctionError", "The function's endpoint answered HTTP " + status + ".", true);
            }
            if (status < 200 || status > 299) {
                return fail(status, "FunctionError", "The function's endpoint answered HTTP " + status + ".", false);
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (Exception e) {
                body = null;
            }
            if (body == null || !body.isObject() || (body.has("results") && !body.get("results").isArray())) {
                return fail(200, "FunctionResponseInvalid", "The function's response is not a LambdaInvoke response (a JSON object with results).", false);
            }
            JsonNode mine = null;
            for (JsonNode r : body.path("results")) {
                if (taskId.equals(r.path("taskId").asText(null))) {
                    mine = r;
                }
            }
            String code = mine != null ? mine.path("resultCode").asText("") : body.path("treatMissingKeysAs").asText("PermanentFailure");
            String text = mine == null ? "The function's response has no result for the task." : clip(mine.path("resultString").asText(""));
            return switch (code) {
                case "Succeeded" -> new Result(new Outcome(200, text), null, false);
                case "TemporaryFailure" -> fail(200, "TemporaryFailure", text, true);
                case "PermanentFailure" -> fail(200, "PermanentFailure", text, false);
                default -> fail(200, "FunctionResponseInvalid", "The function's resultCode '" + clip(code) + "' is none of Succeeded, "
                        + "TemporaryFailure, PermanentFailure.", false);
            };
        }

        static Result of(Throwable error, Function function) {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof HttpTimeoutException) {
                return fail(504, "FunctionTimeout", "The function did not answer within " + function.timeout().toSeconds() + " s.", true);
            }
            if (e instanceof ConnectException || e instanceof java.io.IOException) {
                return fail(502, "FunctionUnreachable", "The function's endpoint could not be reached.", true);
            }
            return fail(500, "InternalError", "The function could not be invoked.", false);
        }

        private static Result fail(int status, String code, String message, boolean temporary) {
            return new Result(null, new TaskFailure(status, code, message), temporary);
        }
    }

    /** AWS's invocation event for one task, in the job's schema version. */
    byte[] event(String invocationId, String taskId, TaskRef task) {
        boolean v2 = op.eventVersion().equals("2.0");
        ObjectNode e = JSON.createObjectNode();
        e.put("invocationSchemaVersion", op.eventVersion());
        e.put("invocationId", invocationId);
        ObjectNode job = e.putObject("job");
        job.put("id", jobId);
        if (v2) {
            ObjectNode args = job.putObject("userArguments");
            op.userArguments().forEach(args::put);
        }
        ObjectNode t = e.putArray("tasks").addObject();
        t.put("taskId", taskId);
        t.put("s3Key", task.key());
        t.putNull("s3VersionId");
        if (task.versionId() != null) {
            t.put("s3VersionId", task.versionId());
        }
        if (v2) {
            t.put("s3Bucket", task.bucket());
        } else {
            t.put("s3BucketArn", "arn:aws:s3:::" + task.bucket());
        }
        try {
            return JSON.writeValueAsBytes(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Duration backoff(int attempt) {
        long base = Math.min(retry.maxBackoff().toMillis(), retry.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static CompletableFuture<Void> delayed(Duration d) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static String id() {
        UUID u = UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString((u.getMostSignificantBits() + ":" + u.getLeastSignificantBits())
                .getBytes(StandardCharsets.US_ASCII));
    }

    static String clip(String s) {
        return s.length() <= MAX_RESULT ? s : s.substring(0, MAX_RESULT);
    }
}
