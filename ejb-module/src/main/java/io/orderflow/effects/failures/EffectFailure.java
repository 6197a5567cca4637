package io.orderflow.effects.failures;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One failed attempt of one effect at one event. Written in a transaction of its own while the
 * consumer's transaction, about to roll back, still holds the event's row: so the attempts are rows
 * of their own, added and never changed.
 */
@Entity
@Table(name = "effect_failures")
public class EffectFailure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private Effect effect;

    @Column(name = "seq", nullable = false)
    private int sequence;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "failure_class", nullable = false)
    private String exceptionClass;

    @Column(name = "failure_message", nullable = false)
    private String message;

    @Column(name = "failure_fingerprint", nullable = false)
    private String fingerprint;

    @Column(nullable = false)
    private boolean permanent;

    @Column(name = "failed_at", nullable = false)
    private Instant failedAt;

    protected EffectFailure() {}

    EffectFailure(
            OrderId orderId,
            Effect effect,
            int sequence,
            String eventId,
            int attempt,
            Failure failure,
            boolean permanent,
            Instant failedAt) {
        this.orderId = orderId == null ? null : orderId.value();
        this.effect = effect;
        this.sequence = sequence;
        this.eventId = eventId;
        this.attempt = attempt;
        this.exceptionClass = failure.exceptionClass();
        this.message = failure.message();
        this.fingerprint = failure.fingerprint();
        this.permanent = permanent;
        this.failedAt = failedAt;
    }

    public Effect effect() {
        return effect;
    }

    public int sequence() {
        return sequence;
    }

    int attempt() {
        return attempt;
    }

    Failure failure() {
        return new Failure(exceptionClass, message, fingerprint);
    }

    boolean permanent() {
        return permanent;
    }

    Instant failedAt() {
        return failedAt;
    }

    public FailedAttempt asAttempt() {
        return new FailedAttempt(
                effect(),
                sequence,
                eventId,
                attempt,
                failedAt,
                new Failure(exceptionClass, message, fingerprint),
                permanent);
    }
}
