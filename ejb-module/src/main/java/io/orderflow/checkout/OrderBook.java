package io.orderflow.checkout;

import io.orderflow.effects.EffectLedger;
import io.orderflow.effects.InlineEffects;
import io.orderflow.events.EventPublisher;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import io.orderflow.payment.PaymentAuthorization;
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
 * The record of orders. Writing an order and publishing its event happen in the same JTA transaction, through the
 * XA connection factory: the row and the message commit together or not at all, so no order exists that the
 * effects will never hear of, and no effect runs for an order that does not exist.
 */
@Stateless
public class OrderBook {

    @PersistenceContext
    EntityManager em;

    @EJB
    EventPublisher events;

    @EJB
    EffectLedger ledger;

    @EJB
    InlineEffects inlineEffects;

    private final Clock clock = Clock.systemUTC();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Order record(String customerEmail, List<OrderLine> lines, PaymentAuthorization authorization,
                        String idempotencyKey, String fingerprint) {
        OrderEvent placed = persistNew(customerEmail, lines, authorization);
        if (idempotencyKey != null) {
            em.persist(new IdempotencyRecord(idempotencyKey, fingerprint, UUID.fromString(placed.orderId()), placed.occurredAt()));
        }
        // Writing the rows now enlists the database in the XA transaction before the broker, and the transaction
        // manager commits in that order: a consumer can only receive the event once the order's rows are visible
        em.flush();
        events.publish(placed);
        return em.find(Order.class, UUID.fromString(placed.orderId()));
    }

    /**
     * The baseline without a queue: the order and all six effects in one transaction, applied before the customer
     * gets an answer. See {@link InlineEffects}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Order recordWithEffectsInline(String customerEmail, List<OrderLine> lines, PaymentAuthorization authorization) {
        OrderEvent placed = persistNew(customerEmail, lines, authorization);
        em.flush();
        inlineEffects.applyAll(placed);
        return em.find(Order.class, UUID.fromString(placed.orderId()));
    }

    /** The new order and its effect rows; returns its OrderPlaced event, not yet published. */
    private OrderEvent persistNew(String customerEmail, List<OrderLine> lines, PaymentAuthorization authorization) {
        Instant now = clock.instant();
        Order order = new Order(customerEmail, lines, authorization.id(), now);
        em.persist(order);
        OrderEvent placed = eventOf(EventType.OrderPlaced, order, now);
        ledger.open(order.id(), placed);
        return placed;
    }

    public Order cancel(UUID orderId) {
        Order order = Optional.ofNullable(em.find(Order.class, orderId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new OrderNotFound(orderId.toString()));
        Instant now = clock.instant();
        order.cancel(now);
        OrderEvent cancelled = eventOf(EventType.OrderCancelled, order, now);
        ledger.expect(order.id(), cancelled);
        events.publish(cancelled);
        return order;
    }

    public Optional<Order> find(UUID orderId) {
        return em.createQuery("select o from Order o left join fetch o.lines where o.id = :id", Order.class)
                .setParameter("id", orderId)
                .getResultStream()
                .findFirst();
    }

    /**
     * The order an earlier request with this key produced, when the request is the same; a reused key with another
     * request is refused.
     */
    public Optional<PlacedOrder> replay(String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        IdempotencyRecord earlier = em.find(IdempotencyRecord.class, idempotencyKey);
        if (earlier == null) {
            return Optional.empty();
        }
        if (!earlier.matches(fingerprint)) {
            throw new IdempotencyKeyReused();
        }
        return find(earlier.orderId()).map(order -> new PlacedOrder(order, true));
    }

    private static OrderEvent eventOf(EventType type, Order order, Instant now) {
        return new OrderEvent(OrderEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), type, order.id().toString(), now,
                order.customerEmail(), order.currency(), order.total(),
                order.lines().stream().map(l -> new OrderEvent.Line(l.sku(), l.quantity(), l.unitPrice())).toList());
    }
}
