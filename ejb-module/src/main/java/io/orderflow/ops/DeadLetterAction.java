package io.orderflow.ops;

import io.orderflow.OrderId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the dead-letter desk's audit log: who retried or discarded which dead letter, when,
 * and why.
 */
@Entity
@Table(name = "dead_letter_actions")
public class DeadLetterAction {

    public enum Kind {
        RETRY,
        DISCARD,
        /** A failure group marked under investigation: the event id is the group's fingerprint. */
        INVESTIGATE,
        /** A held event let go ahead of its predecessor, which is given up. */
        RELEASE_HELD,
        /** A held event given up; the event after it goes ahead. */
        DISCARD_HELD
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String actor;

    @Column(name = "acted_at", nullable = false)
    private Instant actedAt;

    /** The dead letter's source: an effect, the telemetry or the payment voids. */
    @Column(nullable = false)
    private String source;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "order_id")
    private UUID orderId;

    private String reason;

    protected DeadLetterAction() {}

    DeadLetterAction(
            Kind kind,
            String actor,
            Instant at,
            String source,
            String eventId,
            OrderId orderId,
            String reason) {
        this.action = kind.name();
        this.actor = actor;
        this.actedAt = at;
        this.source = source;
        this.eventId = eventId;
        this.orderId = orderId == null ? null : orderId.value();
        this.reason = reason;
    }

    public Long id() {
        return id;
    }

    public String action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public Instant actedAt() {
        return actedAt;
    }

    public String source() {
        return source;
    }

    public String eventId() {
        return eventId;
    }

    public OrderId orderId() {
        return OrderId.ofNullable(orderId);
    }

    public String reason() {
        return reason;
    }
}
