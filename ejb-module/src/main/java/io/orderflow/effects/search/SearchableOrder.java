package io.orderflow.effects.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An order as the search effect knows it, built from the events alone; PostgreSQL indexes its text
 * (schema.sql, {@link OrderSearch}).
 */
@Entity
@Table(name = "search_orders")
public class SearchableOrder {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "customer_email", nullable = false)
    private String customerEmail;

    /** The order's SKUs, space separated, so "BOOK-001" finds every order with that book. */
    @Column(nullable = false)
    private String skus;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private BigDecimal total;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    protected SearchableOrder() {}

    SearchableOrder(
            UUID orderId,
            String customerEmail,
            String skus,
            String status,
            BigDecimal total,
            Instant placedAt) {
        this.orderId = orderId;
        this.customerEmail = customerEmail;
        this.skus = skus;
        this.status = status;
        this.total = total;
        this.placedAt = placedAt;
    }

    void status(String status) {
        this.status = status;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public String skus() {
        return skus;
    }

    public String status() {
        return status;
    }

    public BigDecimal total() {
        return total;
    }

    public Instant placedAt() {
        return placedAt;
    }
}
