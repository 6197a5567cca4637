package io.orderflow.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An authorization asked for and not yet owned by an order: written before the payment service is
 * called, removed in the transaction that records the order. One that outlives its checkout (the
 * server died in between, or the call went unanswered and nobody retried) is replayed with its key
 * and voided; a voided one is kept, marked, so that its key is never asked again.
 */
@Entity
@Table(name = "payment_attempts")
public class PaymentAttempt {

    @Id
    @Column(name = "payment_key")
    private String paymentKey;

    @Column(nullable = false)
    private String token;

    @Column(nullable = false)
    private BigDecimal amount;

    @Column(nullable = false)
    private String currency;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** Its authorization is voided, or on its way to be: its key may not be asked again. */
    @Column(name = "voided_at")
    private Instant voidedAt;

    protected PaymentAttempt() {}

    PaymentAttempt(
            String paymentKey,
            String token,
            BigDecimal amount,
            String currency,
            Instant startedAt) {
        this.paymentKey = paymentKey;
        this.token = token;
        this.amount = amount;
        this.currency = currency;
        this.startedAt = startedAt;
    }

    String paymentKey() {
        return paymentKey;
    }

    String token() {
        return token;
    }

    BigDecimal amount() {
        return amount;
    }

    String currency() {
        return currency;
    }

    void voided(Instant at) {
        voidedAt = at;
    }
}
