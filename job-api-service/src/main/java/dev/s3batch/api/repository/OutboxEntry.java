package dev.s3batch.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting in the outbox (table {@code outbox}); persisted in the transaction of the change it announces. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String topic;
    @Column(name = "msg_key")
    public String key;
    public String payload;
    /** The W3C traceparent the event is sent within (the request's that made it); null: none. */
    @Column(name = "trace_parent")
    public String traceParent;

    public static OutboxEntry of(String topic, String key, String payload, String traceParent) {
        OutboxEntry e = new OutboxEntry();
        e.topic = topic;
        e.key = key;
        e.payload = payload;
        e.traceParent = traceParent;
        return e;
    }
}
