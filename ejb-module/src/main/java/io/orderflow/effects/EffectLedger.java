package io.orderflow.effects;

import io.orderflow.events.OrderEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Keeps, per order and effect, where the handling of the order's latest event stands, so that a customer or an
 * operator can see what is done, what is being retried and why.
 */
@Stateless
public class EffectLedger {

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Called in the transaction that records a new order: its effects have no rows yet, so none is looked up. */
    public void open(UUID orderId, OrderEvent event) {
        Arrays.stream(Effect.values()).forEach(effect -> {
            OrderEffect row = new OrderEffect(orderId, effect);
            row.expect(event.eventId(), event.type().name(), clock.instant());
            em.persist(row);
        });
    }

    /** Called in the transaction that publishes a later event of an order: every effect now has this event to handle. */
    public void expect(UUID orderId, OrderEvent event) {
        Arrays.stream(Effect.values()).forEach(effect -> {
            OrderEffect row = em.find(OrderEffect.class, new OrderEffect.Key(orderId, effect));
            if (row == null) {
                row = new OrderEffect(orderId, effect);
                row.expect(event.eventId(), event.type().name(), clock.instant());
                em.persist(row);
            } else {
                row.expect(event.eventId(), event.type().name(), clock.instant());
            }
        });
    }

    /**
     * Called in the consumer's transaction, so the status commits with the effect and the acknowledgement. One UPDATE,
     * not a load and a flush: every effect of every order passes here, and the profile showed the load.
     */
    public void done(OrderEvent event, Effect effect, int attempt) {
        Instant now = clock.instant();
        em.createQuery("update OrderEffect e set e.state = :done, e.attempts = :attempt, e.completedAt = :now, e.updatedAt = :now "
                        + "where e.orderId = :orderId and e.effect = :effect and e.eventId = :eventId")
                .setParameter("done", EffectState.DONE)
                .setParameter("attempt", attempt)
                .setParameter("now", now)
                .setParameter("orderId", UUID.fromString(event.orderId()))
                .setParameter("effect", effect)
                .setParameter("eventId", event.eventId())
                .executeUpdate();
    }

    /**
     * Records a failed attempt in a transaction of its own: the consumer's transaction is about to roll back, and the
     * failure must outlive it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(OrderEvent event, Effect effect, int attempt, Failure failure, boolean permanent) {
        OrderEffect row = em.find(OrderEffect.class, new OrderEffect.Key(UUID.fromString(event.orderId()), effect));
        if (row != null && row.isFor(event.eventId())) {
            row.failed(attempt, failure, permanent, clock.instant());
        }
    }

    /** The effect's dead letter went back to its queue: the effect waits for it again. */
    public void retried(UUID orderId, String eventId, Effect effect) {
        OrderEffect row = em.find(OrderEffect.class, new OrderEffect.Key(orderId, effect));
        if (row != null && row.isFor(eventId)) {
            row.retried(clock.instant());
        }
    }

    public OrderEffect find(UUID orderId, Effect effect) {
        return em.find(OrderEffect.class, new OrderEffect.Key(orderId, effect));
    }

    /** The broker gave up on the event: its message now waits in the effect's dead-letter queue. */
    public void deadLettered(OrderEvent event, Effect effect) {
        OrderEffect row = em.find(OrderEffect.class, new OrderEffect.Key(UUID.fromString(event.orderId()), effect));
        if (row != null && row.isFor(event.eventId()) && row.state() != EffectState.DEAD_LETTERED) {
            row.deadLettered(clock.instant());
        }
    }

    public List<OrderEffect> of(UUID orderId) {
        return em.createQuery("select e from OrderEffect e where e.orderId = :id", OrderEffect.class)
                .setParameter("id", orderId)
                .getResultList();
    }
}
