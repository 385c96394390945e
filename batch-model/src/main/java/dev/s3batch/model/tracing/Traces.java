package dev.s3batch.model.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A job's trace across the hops no instrumentation follows by itself: the outbox (a row written in CreateJob's
 * transaction, sent later by the relay) and the planner's loop (batches published long after {@code JobCreated} was
 * read). The W3C {@code traceparent} of the request that created the job is kept with the job and its outbox rows,
 * and each Kafka record sent for the job is made a child of it; the Kafka instrumentation puts it in the record's
 * headers, and consumers continue from there.
 */
public final class Traces {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** The current trace context as a W3C {@code traceparent} value; null outside any trace. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The context a {@code traceparent} value names (the root context when it is null or not a traceparent). */
    public static Context context(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), Map.of("traceparent", traceparent), MAP);
    }

    /** {@code message}, sent as a child of {@code traceparent}'s span (as it is when there is none). */
    public static <T> Message<T> within(Message<T> message, String traceparent) {
        return traceparent == null ? message : message.addMetadata(TracingMetadata.withCurrent(context(traceparent)));
    }

    /** The names of the headers trace context travels in. */
    public static List<String> fields() {
        return List.copyOf(W3C.fields());
    }
}
