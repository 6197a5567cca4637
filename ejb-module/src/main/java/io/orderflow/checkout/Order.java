package io.orderflow.checkout;

import io.orderflow.OrderId;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A customer's order. It is written once, with its OrderPlaced event, in the checkout transaction,
 * after the payment was authorized; from then on only its status changes. Everything else that
 * happens because of it (stock, mail, search, fulfilment, analytics, recommendations) happens
 * later, in the effects, and is tracked per effect.
 */
@Entity
@Table(name = "orders")
public class Order {

    public static final String CURRENCY = "EUR";

    @Id private UUID id;

    @Column(name = "customer_email", nullable = false)
    private String customerEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Column(nullable = false)
    private String currency;

    @Column(nullable = false)
    private BigDecimal total;

    @Column(name = "payment_authorization", nullable = false)
    private String paymentAuthorization;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    /** How many events the order has published; the next one gets the next number. */
    @Column(name = "last_event_seq", nullable = false)
    private int lastEventSequence;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @Version private long version;

    protected Order() {}

    Order(String customerEmail, List<OrderLine> lines, String paymentAuthorization, Instant now) {
        this.id = UUID.randomUUID();
        this.customerEmail = customerEmail;
        this.status = OrderStatus.PLACED;
        this.currency = CURRENCY;
        this.lines = new ArrayList<>(lines);
        this.total = OrderLine.totalOf(lines);
        this.paymentAuthorization = paymentAuthorization;
        this.createdAt = now;
    }

    void cancel(Instant now) {
        if (status == OrderStatus.CANCELLED) {
            throw new OrderAlreadyCancelled(id);
        }
        status = OrderStatus.CANCELLED;
        cancelledAt = now;
    }

    /**
     * The sequence number of the event the order publishes now: 1 for OrderPlaced, then one more
     * each time.
     */
    int nextEventSequence() {
        return ++lastEventSequence;
    }

    public OrderId id() {
        return new OrderId(id);
    }

    public String customerEmail() {
        return customerEmail;
    }

    public OrderStatus status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal total() {
        return total;
    }

    public String paymentAuthorization() {
        return paymentAuthorization;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }
}
