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

    public static OutboxEntry of(String topic, String key, String payload) {
        OutboxEntry e = new OutboxEntry();
        e.topic = topic;
        e.key = key;
        e.payload = payload;
        return e;
    }
}
