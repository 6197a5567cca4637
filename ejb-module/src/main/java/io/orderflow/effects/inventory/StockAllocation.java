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

/**
 * Stock of one line of an order set aside for picking in the warehouse. The checkout holds the
 * stock (so nothing is sold twice); this is the warehouse's side of it: what to pick for which
 * order, and what not to pick after all.
 */
@Entity
@Table(name = "stock_allocations")
@IdClass(StockAllocation.Key.class)
public class StockAllocation {

    public record Key(UUID orderId, String sku) implements Serializable {}

    public enum State {
        ALLOCATED,
        RELEASED
    }

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Id private String sku;

    @Column(nullable = false)
    private int quantity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "allocated_at", nullable = false)
    private Instant allocatedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected StockAllocation() {}

    StockAllocation(UUID orderId, String sku, int quantity, Instant now) {
        this.orderId = orderId;
        this.sku = sku;
        this.quantity = quantity;
        this.state = State.ALLOCATED;
        this.allocatedAt = now;
    }

    void release(Instant now) {
        state = State.RELEASED;
        releasedAt = now;
    }
}
