package io.orderflow.effects.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/**
 * An order as the search effect knows it, built from the events alone. The table is the source the
 * Lucene index is written from (at commit, by Hibernate Search) and can be rebuilt from.
 */
@Entity
@Table(name = "search_orders")
@Indexed(index = "orders")
public class SearchableOrder {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @FullTextField
    @KeywordField(name = "customerEmail_exact")
    @Column(name = "customer_email", nullable = false)
    private String customerEmail;

    /** The order's SKUs, space separated, so "BOOK-001" finds every order with that book. */
    @FullTextField
    @Column(nullable = false)
    private String skus;

    @KeywordField
    @Column(nullable = false)
    private String status;

    @GenericField
    @Column(nullable = false)
    private BigDecimal total;

    @GenericField(sortable = Sortable.YES)
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
