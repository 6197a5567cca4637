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

/** Where one effect of an order stands, for the latest event of that order. */
@Entity
@Table(name = "order_effects")
@IdClass(OrderEffect.Key.class)
public class OrderEffect {

    public record Key(UUID orderId, Effect effect) implements Serializable {
    }

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Id
    @Enumerated(EnumType.STRING)
    private Effect effect;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EffectState state;

    @Column(nullable = false)
    private int attempts;

    @Embedded
    private FailureHistory failures = new FailureHistory();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected OrderEffect() {
    }

    OrderEffect(UUID orderId, Effect effect) {
        this.orderId = orderId;
        this.effect = effect;
    }

    void expect(String eventId, String eventType, Instant now) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.state = EffectState.PENDING;
        this.attempts = 0;
        this.failures = new FailureHistory();
        this.completedAt = null;
        this.updatedAt = now;
    }

    boolean isFor(String eventId) {
        return eventId.equals(this.eventId);
    }

    void failed(int attempt, Failure failure, boolean permanent, Instant now) {
        state = permanent ? EffectState.DEAD_LETTERED : EffectState.RETRYING;
        attempts = attempt;
        if (failures == null) {
            failures = new FailureHistory();
        }
        failures.add(failure, permanent, now);
        updatedAt = now;
    }

    /** Back to waiting for a delivery: a dead letter was sent back to its queue. The failure history stays. */
    void retried(Instant now) {
        state = EffectState.PENDING;
        updatedAt = now;
    }

    void deadLettered(Instant now) {
        state = EffectState.DEAD_LETTERED;
        updatedAt = now;
    }

    public Effect effect() {
        return effect;
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

    /** The failures of the current event; {@code last()} is null when it has not failed. */
    public FailureHistory failures() {
        return failures == null ? new FailureHistory() : failures;
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
