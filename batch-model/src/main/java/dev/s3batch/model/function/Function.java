package dev.s3batch.model.function;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A function a LambdaInvoke job may call, as the operator configured it: the ARN jobs name, the account whose jobs may
 * use it, and the HTTP endpoint s3batch POSTs each invocation event to.
 *
 * @param authorization sent as the request's {@code Authorization} header when present; never logged nor shown
 * @param timeout how long one invocation may take before the task fails
 * @param concurrency invocations in flight at once, per worker
 */
public record Function(String id, String account, String arn, URI url, Optional<String> authorization, Duration timeout,
        int concurrency) {

    @Override
    public String toString() {
        return "Function[" + id + ", " + arn + " -> " + url + "]"; // without the authorization
    }
}
