package io.orderflow.effects.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Stock held for one line of an order, until the order ships or is cancelled. */
@Entity
@Table(name = "inventory_reservations")
@IdClass(InventoryReservation.Key.class)
public class InventoryReservation {

    public record Key(UUID orderId, String sku) implements Serializable {
    }

    public enum State {
        RESERVED,
        RELEASED
    }

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Id
    private String sku;

    @Column(nullable = false)
    private int quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "reserved_at", nullable = false)
    private Instant reservedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected InventoryReservation() {
    }

    InventoryReservation(UUID orderId, String sku, int quantity, Instant now) {
        this.orderId = orderId;
        this.sku = sku;
        this.quantity = quantity;
        this.state = State.RESERVED;
        this.reservedAt = now;
    }

    String sku() {
        return sku;
    }

    int quantity() {
        return quantity;
    }

    void release(Instant now) {
        state = State.RELEASED;
        releasedAt = now;
    }
}
