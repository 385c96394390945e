package dev.s3batch.model.event;

import java.time.Instant;

/** A CloudEvents 1.0 envelope in structured JSON mode, for events other services subscribe to. */
public record CloudEvent<T>(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, T data) {

    public static <T> CloudEvent<T> of(String id, String source, String type, String subject, Instant time, T data) {
        return new CloudEvent<>("1.0", id, source, type, subject, time, "application/json", data);
    }
}
