package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.failures.EffectFailure;
import io.orderflow.events.OrderEvent;
import jakarta.persistence.Column;
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
 * A row of the ledger ({@code effect_events}): one effect and one event of an order, with its state
 * ({@link EffectState}). Written in the transaction that publishes the event, then changed by the
 * effect's consumer, the dead-letter watch and the desk, each in its own transaction (hence the
 * version). It is also the lock that keeps one order's events in sequence for an effect. Failed
 * attempts are rows of their own ({@link EffectFailure}); a row whose event has failed and is
 * pending again is being retried.
 */
@Entity
@Table(name = "effect_events")
@IdClass(EffectEvent.Key.class)
public class EffectEvent {

    public record Key(UUID orderId, Effect effect, int sequence) implements Serializable {}

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Id
    @Enumerated(EnumType.STRING)
    private Effect effect;

    @Id
    @Column(name = "seq")
    private int sequence;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EffectState state;

    @Column(nullable = false)
    private int attempts;

    /** The event as it arrived, while it waits for its predecessor; sent again from here. */
    @Column(name = "held_event")
    private String heldEvent;

    /** When the event arrived before its predecessor was applied, if it did. */
    @Column(name = "held_at")
    private Instant heldAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version private long version;

    protected EffectEvent() {}

    EffectEvent(
            OrderId orderId,
            Effect effect,
            int sequence,
            String eventId,
            String eventType,
            Instant now) {
        this.orderId = orderId == null ? null : orderId.value();
        this.effect = effect;
        this.sequence = sequence;
        this.eventId = eventId;
        this.eventType = eventType;
        this.state = EffectState.PENDING;
        this.updatedAt = now;
    }

    /**
     * Whether the event is the one the database recorded at this place: the same id, the same type.
     */
    boolean isFor(OrderEvent event) {
        return eventId.equals(event.eventId()) && eventType.equals(event.type().name());
    }

    void done(int attempt, Instant now) {
        state = EffectState.DONE;
        attempts = attempt;
        completedAt = now;
        updatedAt = now;
    }

    /** The held event, now that it may go: it is pending again until its consumer has it. */
    String release(Instant now) {
        String event = heldEvent;
        heldEvent = null;
        state = EffectState.PENDING;
        updatedAt = now;
        return event;
    }

    /**
     * Back to waiting for a delivery: its dead letter was sent back to its queue. Its failures stay
     * on record.
     */
    void retried(Instant now) {
        state = EffectState.PENDING;
        updatedAt = now;
    }

    void deadLettered(Instant now) {
        state = EffectState.DEAD_LETTERED;
        updatedAt = now;
    }

    void discarded(Instant now) {
        state = EffectState.DISCARDED;
        updatedAt = now;
    }

    public OrderId orderId() {
        return OrderId.ofNullable(orderId);
    }

    public Effect effect() {
        return effect;
    }

    public int sequence() {
        return sequence;
    }

    public String eventType() {
        return eventType;
    }

    public EffectState state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public String eventId() {
        return eventId;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
