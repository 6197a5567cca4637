package io.orderflow.checkout;

import io.orderflow.OrderId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * What a client's Idempotency-Key stands for: the request it came with (a fingerprint), whether a
 * checkout with it is under way or done, and the order it produced. The checkout claims the key
 * before it calls the payment service, so concurrent retries of one request make one authorization;
 * a checkout that failed gives the key back.
 */
@Entity
@Table(name = "checkout_keys")
public class IdempotencyRecord {

    enum State {
        /** A checkout holds the key: others with the same key wait for its outcome. */
        IN_PROGRESS,
        /** The order is recorded; the key replays it. */
        COMPLETED,
        /** The checkout failed; the next request with the key tries again. */
        RELEASED
    }

    @Id
    @Column(name = "idempotency_key")
    private String key;

    @Column(name = "request_fingerprint", nullable = false)
    private String requestFingerprint;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    /**
     * Counts the payment keys the key has had: a retry keeps the payment key, so that the payment
     * service answers it with the authorization it made; only a spent one (voided) is replaced.
     */
    @Column(nullable = false)
    private int attempt;

    /** What the payment service is asked under: random, replaced only when it is spent. */
    @Column(name = "payment_key", nullable = false)
    private String paymentKey;

    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version private long version;

    protected IdempotencyRecord() {}

    boolean matches(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    State state() {
        return state;
    }

    int attempt() {
        return attempt;
    }

    String paymentKey() {
        return paymentKey;
    }

    OrderId orderId() {
        return OrderId.ofNullable(orderId);
    }

    Instant heldSince() {
        return updatedAt;
    }

    void reclaim(Instant now) {
        state = State.IN_PROGRESS;
        updatedAt = now;
    }

    /**
     * The payment key so far is spent: its authorization is voided, or will be (a checkout that
     * never finished), so the next call to the payment service gets a new one.
     */
    void nextPaymentKey(Instant now) {
        attempt++;
        paymentKey = UUID.randomUUID().toString();
        updatedAt = now;
    }

    void completed(OrderId orderId, Instant now) {
        this.state = State.COMPLETED;
        this.orderId = orderId.value();
        this.updatedAt = now;
    }

    /**
     * @param paymentVoided the attempt's authorization was voided, so the next attempt needs a
     *     payment key of its own (the payment service would answer the old one with the voided
     *     authorization); after a decline or an unanswered call the key stays, and the payment
     *     service replays its answer
     */
    void released(boolean paymentVoided, Instant now) {
        state = State.RELEASED;
        if (paymentVoided) {
            nextPaymentKey(now);
        }
        updatedAt = now;
    }
}
