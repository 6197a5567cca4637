package io.orderflow.checkout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The order an Idempotency-Key produced, and a fingerprint of the request that produced it. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord {

    @Id
    @Column(name = "idempotency_key")
    private String key;

    @Column(name = "request_fingerprint", nullable = false)
    private String requestFingerprint;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String key, String requestFingerprint, UUID orderId, Instant createdAt) {
        this.key = key;
        this.requestFingerprint = requestFingerprint;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }

    boolean matches(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    UUID orderId() {
        return orderId;
    }
}
