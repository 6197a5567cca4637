package io.orderflow.effects.failures;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.events.OrderEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * The failed attempts ({@code effect_failures}): recorded as they happen, read back for one event
 * (the desk, the dead letters) or for a whole order (the journey).
 */
@Stateless
public class FailureLog {

    @PersistenceContext EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Records a failed attempt in a transaction of its own: the consumer's transaction is about to
     * roll back, and the failure must outlive it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(
            OrderEvent event, Effect effect, int attempt, Failure failure, boolean permanent) {
        em.persist(
                new EffectFailure(
                        event.order(),
                        effect,
                        event.sequence(),
                        event.eventId(),
                        attempt,
                        failure,
                        permanent,
                        clock.instant()));
    }

    /** The failed attempts of one effect at one event, summed up. */
    public FailureHistory of(OrderId orderId, Effect effect, int sequence) {
        return FailureHistory.of(
                em.createQuery(
                                "select f from EffectFailure f where f.orderId = :orderId "
                                        + "and f.effect = :effect and f.sequence = :sequence",
                                EffectFailure.class)
                        .setParameter("orderId", orderId.value())
                        .setParameter("effect", effect)
                        .setParameter("sequence", sequence)
                        .getResultList());
    }

    /** Every failed attempt of every effect at the order's events, the earliest first. */
    public List<EffectFailure> of(OrderId order) {
        return em.createQuery(
                        "select f from EffectFailure f where f.orderId = :orderId order by f.failedAt, f.id",
                        EffectFailure.class)
                .setParameter("orderId", order.value())
                .getResultList();
    }

    /** As {@link #of(OrderId)}, as the desk and the journey show them. */
    public List<FailedAttempt> attemptsOf(OrderId order) {
        return of(order).stream().map(EffectFailure::asAttempt).toList();
    }
}
