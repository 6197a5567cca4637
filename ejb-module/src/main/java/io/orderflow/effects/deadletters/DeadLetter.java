package io.orderflow.effects.deadletters;

import io.orderflow.OrderId;
import io.orderflow.effects.failures.FailureHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * Why one message sits in a dead-letter queue. Artemis keeps only the message and its origin; this
 * keeps the failure that put it there. One record per message in a dead-letter queue, keyed by that
 * message's id and the queue it came from (the diverts give each effect a copy of an event under
 * the same id): a message sent back and dead-lettered again is a new message with a record of its
 * own, so a stale look at a queue can never make a record of a message that was sent back read as
 * waiting again.
 */
@Entity
@Table(name = "dead_letter_messages")
@IdClass(DeadLetter.Key.class)
public class DeadLetter {

    public record Key(String originQueue, String messageId) implements Serializable {}

    public enum State {
        /** In the dead-letter queue. */
        WAITING,
        /** Sent back to the queue it came from, from the desk. */
        RETRIED,
        /** Removed from the dead-letter queue on purpose, with a reason. */
        DISCARDED
    }

    @Id
    @Column(name = "message_id")
    private String messageId;

    /** The queue it came from, where a retry sends it back. */
    @Id
    @Column(name = "origin_queue")
    private String originQueue;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "event_type")
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Embedded private FailureHistory failures = new FailureHistory();

    @Column(name = "dead_lettered_at", nullable = false)
    private Instant deadLetteredAt;

    /**
     * How often its event had been sent back from the desk before; above zero, it is a repeated
     * failure.
     */
    @Column(nullable = false)
    private int retries;

    @Version private long version;

    protected DeadLetter() {}

    DeadLetter(
            String messageId,
            String originQueue,
            String eventId,
            OrderId orderId,
            String eventType,
            FailureHistory failures,
            int retries,
            Instant now) {
        this.messageId = messageId;
        this.originQueue = originQueue;
        this.eventId = eventId;
        this.orderId = orderId == null ? null : orderId.value();
        this.eventType = eventType;
        this.state = State.WAITING;
        this.failures = failures;
        this.retries = retries;
        this.deadLetteredAt = now;
    }

    public void retried() {
        state = State.RETRIED;
    }

    public void discarded() {
        state = State.DISCARDED;
    }

    public String messageId() {
        return messageId;
    }

    public String originQueue() {
        return originQueue;
    }

    public String eventId() {
        return eventId;
    }

    public OrderId orderId() {
        return OrderId.ofNullable(orderId);
    }

    public String eventType() {
        return eventType;
    }

    public State state() {
        return state;
    }

    public FailureHistory failures() {
        return failures == null ? new FailureHistory() : failures;
    }

    public Instant deadLetteredAt() {
        return deadLetteredAt;
    }

    public int retries() {
        return retries;
    }
}
