package io.orderflow.checkout;

import io.orderflow.OrderId;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.events.EventPublisher;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.PublishingPort;
import io.orderflow.payment.PaymentAttempts;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.payment.PaymentVoids;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of orders. Writing an order, taking its stock hold over and publishing its event
 * happen in the same JTA transaction, through the XA connection factory: the row, the hold and the
 * message commit together or not at all, so no order exists that the effects will never hear of, no
 * effect runs for an order that does not exist, and no hold outlives a checkout that failed.
 */
@Stateless
public class OrderBook {

    @PersistenceContext EntityManager em;

    @EJB EventPublisher events;

    /** The baseline without a queue, in a package of its own: named, not imported. */
    @EJB(beanName = "InlineEffects")
    PublishingPort inlineEffects;

    @EJB EffectLedger ledger;

    @EJB IdempotencyKeys keys;

    @EJB PaymentVoids voids;

    @EJB PaymentAttempts attempts;

    @EJB StockHold stock;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records a paid order: takes its stock hold over (or fails with {@link HoldLapsed}), writes it
     * with the rows each effect keeps, completes the Idempotency-Key's claim when there is one, and
     * publishes OrderPlaced: to the queues, or, for the synchronous baseline, to the six effects at
     * once, in this transaction, before the customer hears.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Order record(
            String customerEmail,
            List<OrderLine> lines,
            UUID hold,
            PaymentAuthorization authorization,
            String paymentKey,
            IdempotencyKeys.Claim claim,
            CheckoutMode mode) {
        OrderEvent placed = persistNew(customerEmail, lines, hold, authorization, paymentKey);
        if (claim != null) {
            keys.complete(claim, placed.order());
        }
        // Consumers do not rely on it (they retry when the rows their event names are not there
        // yet), but writing the rows first enlists the database before the broker, which is the
        // order in which they usually commit
        em.flush();
        (mode == CheckoutMode.SYNC ? inlineEffects : events).publish(placed);
        return em.find(Order.class, placed.order().value());
    }

    /**
     * Takes the stock hold and the payment attempt over, writes the order and the rows each effect
     * keeps; returns its OrderPlaced, not yet published.
     */
    private OrderEvent persistNew(
            String customerEmail,
            List<OrderLine> lines,
            UUID hold,
            PaymentAuthorization authorization,
            String paymentKey) {
        stock.takeOver(hold, lines);
        attempts.ownedByOrder(paymentKey);
        Instant now = clock.instant();
        Order order = new Order(customerEmail, lines, authorization.id(), now);
        // numbered before it is persisted, so that its row is inserted once and not updated
        OrderEvent placed = eventOf(EventType.OrderPlaced, order, now);
        em.persist(order);
        ledger.expect(placed);
        return placed;
    }

    /**
     * Cancels the order: its stock goes back at once, its authorization is voided, OrderCancelled
     * tells the effects.
     */
    public Order cancel(OrderId orderId) {
        Order order =
                Optional.ofNullable(
                                em.find(
                                        Order.class,
                                        orderId.value(),
                                        LockModeType.PESSIMISTIC_WRITE))
                        .orElseThrow(() -> new OrderNotFound(orderId.toString()));
        Instant now = clock.instant();
        order.cancel(now);
        stock.giveBack(order.lines());
        OrderEvent cancelled = eventOf(EventType.OrderCancelled, order, now);
        ledger.expect(cancelled);
        em.flush();
        voids.request(new PaymentAuthorization(order.paymentAuthorization()), "order cancelled");
        events.publish(cancelled);
        return order;
    }

    /** The order, or {@link OrderNotFound}. */
    public Order get(OrderId orderId) {
        return find(orderId).orElseThrow(() -> new OrderNotFound(orderId.toString()));
    }

    public Optional<Order> find(OrderId orderId) {
        return em.createQuery(
                        "select o from Order o left join fetch o.lines where o.id = :id",
                        Order.class)
                .setParameter("id", orderId.value())
                .getResultStream()
                .findFirst();
    }

    private static OrderEvent eventOf(EventType type, Order order, Instant now) {
        return new OrderEvent(
                OrderEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                type,
                order.id().toString(),
                order.nextEventSequence(),
                now,
                order.customerEmail(),
                order.currency(),
                order.total(),
                order.lines().stream()
                        .map(l -> new OrderEvent.Line(l.sku(), l.quantity(), l.unitPrice()))
                        .toList());
    }
}
