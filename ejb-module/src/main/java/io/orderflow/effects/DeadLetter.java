package io.orderflow.effects;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * Why a message sits in an effect's dead-letter queue. Artemis keeps only the message and its origin; this keeps the
 * failure that put it there, and how often it has been sent back and failed again.
 */
@Entity
@Table(name = "dead_letters")
@IdClass(DeadLetter.Key.class)
public class DeadLetter {

    public record Key(Effect effect, String eventId) implements Serializable {
    }

    public enum State {
        /** In the dead-letter queue. */
        WAITING,
        /** Sent back to the effect's queue from the desk. */
        RETRIED,
        /** Removed from the dead-letter queue on purpose, with a reason. */
        DISCARDED
    }

    @Id
    @Enumerated(EnumType.STRING)
    private Effect effect;

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "event_type")
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Embedded
    private FailureHistory failures = new FailureHistory();

    @Column(nullable = false)
    private int attempts;

    @Column(name = "dead_lettered_at", nullable = false)
    private Instant deadLetteredAt;

    @Column(nullable = false)
    private int retries;

    protected DeadLetter() {
    }

    /** Hibernate inserts the state an entity has when it is persisted, so a new record starts complete. */
    DeadLetter(Effect effect, String eventId, UUID orderId, String eventType, Instant now) {
        this.effect = effect;
        this.eventId = eventId;
        this.orderId = orderId;
        this.eventType = eventType;
        this.state = State.WAITING;
        this.deadLetteredAt = now;
    }

    void arrived(FailureHistory failures, int attempts, Instant now) {
        this.state = State.WAITING;
        this.failures = failures.copy();
        this.attempts = attempts;
        this.deadLetteredAt = now;
    }

    void retried() {
        state = State.RETRIED;
        retries++;
    }

    void discarded() {
        state = State.DISCARDED;
    }

    public Effect effect() {
        return effect;
    }

    public String eventId() {
        return eventId;
    }

    public UUID orderId() {
        return orderId;
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

    public int attempts() {
        return attempts;
    }

    public Instant deadLetteredAt() {
        return deadLetteredAt;
    }

    /** How often it was sent back from the desk; above zero, it is a repeated failure. */
    public int retries() {
        return retries;
    }
}
