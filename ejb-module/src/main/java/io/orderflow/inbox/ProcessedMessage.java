package io.orderflow.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * An event a consumer has handled. The primary key (consumer, event id) is the idempotency guard.
 */
@Entity
@Table(name = "processed_messages")
@IdClass(ProcessedMessage.Key.class)
public class ProcessedMessage {

    public record Key(String consumer, String eventId) implements Serializable {}

    @Id private String consumer;

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    protected ProcessedMessage() {}
}
