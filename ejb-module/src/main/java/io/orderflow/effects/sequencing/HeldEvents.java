package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.events.EventCodec;
import io.orderflow.events.EventPublisher;
import io.orderflow.messaging.Destinations;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Events that arrived before their predecessor was applied, held in the ledger until the
 * predecessor's transaction sends them on. Normally for as long as the predecessor's delivery
 * takes; for good when the predecessor's message left its queue by another path (purged through
 * management, expired, lost with a dead node's prepared branch): counted per effect with the oldest
 * one's age, for the metrics, the health check and the operator's page, and let go by an operator
 * ({@link io.orderflow.ops.HeldEventDesk}).
 */
@Stateless
public class HeldEvents {

    /** One effect's held events: how many, and since when the oldest waits. */
    public record Summary(long events, Instant oldestHeldAt) {}

    /**
     * A held event with the state of the predecessor it waits for.
     *
     * @param predecessor the predecessor's state, {@code PENDING} while its delivery is due
     */
    public record Held(
            Effect effect,
            OrderId orderId,
            int sequence,
            String eventType,
            Instant heldAt,
            EffectState predecessor) {}

    @PersistenceContext EntityManager em;

    @EJB EffectLedger ledger;

    @EJB EventPublisher events;

    private final Clock clock = Clock.systemUTC();

    /** Per effect, those that hold any; one statement. */
    public Map<Effect, Summary> summary() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select effect, count(*), min(held_at) from effect_events "
                                        + "where state = 'WAITING' and held_event is not null "
                                        + "group by effect")
                        .getResultList();
        Map<Effect, Summary> summary = new EnumMap<>(Effect.class);
        for (Object[] row : rows) {
            summary.put(
                    Effect.valueOf((String) row[0]),
                    new Summary(((Number) row[1]).longValue(), (Instant) row[2]));
        }
        return summary;
    }

    /** The longest held first. */
    public List<Held> list(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select e.effect, e.order_id, e.seq, e.event_type, e.held_at, p.state "
                                        + "from effect_events e left join effect_events p "
                                        + "on p.order_id = e.order_id and p.effect = e.effect and p.seq = e.seq - 1 "
                                        + "where e.state = 'WAITING' and e.held_event is not null "
                                        + "order by e.held_at limit ?1")
                        .setParameter(1, limit)
                        .getResultList();
        return rows.stream()
                .map(
                        row ->
                                new Held(
                                        Effect.valueOf((String) row[0]),
                                        OrderId.ofNullable((UUID) row[1]),
                                        ((Number) row[2]).intValue(),
                                        (String) row[3],
                                        (Instant) row[4],
                                        row[5] == null
                                                ? null
                                                : EffectState.valueOf((String) row[5])))
                .toList();
    }

    /**
     * The held event goes ahead: its predecessor is given up (discarded) and the event sent to its
     * queue, in the caller's transaction.
     *
     * @return the event's id; empty when the event is not held (any more)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<String> release(Effect effect, OrderId orderId, int sequence) {
        return held(effect, orderId, sequence)
                .map(
                        held -> {
                            rowAt(effect, orderId, sequence - 1).ifPresent(ledger::discarded);
                            sendOnSuccessor(orderId, effect, sequence - 1);
                            return held.eventId();
                        });
    }

    /**
     * The held event is given up; the event after it, if it is held too, goes ahead.
     *
     * @return the event's id; empty when the event is not held (any more)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<String> discard(Effect effect, OrderId orderId, int sequence) {
        return held(effect, orderId, sequence)
                .map(
                        held -> {
                            ledger.discarded(held);
                            sendOnSuccessor(orderId, effect, sequence);
                            return held.eventId();
                        });
    }

    /**
     * After the event at this place is settled without being applied (discarded at the desk or
     * here): the next event, if it came early and is held, is sent again to the effect's queue, in
     * the caller's transaction.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void sendOnSuccessor(OrderId orderId, Effect effect, int sequence) {
        rowAt(effect, orderId, sequence + 1)
                .filter(next -> next.state() == EffectState.WAITING)
                .ifPresent(
                        next ->
                                events.resend(
                                        Destinations.queue(effect.jndiName()),
                                        EventCodec.decode(next.release(clock.instant()))));
    }

    private Optional<EffectEvent> held(Effect effect, OrderId orderId, int sequence) {
        return rowAt(effect, orderId, sequence).filter(row -> row.state() == EffectState.WAITING);
    }

    private Optional<EffectEvent> rowAt(Effect effect, OrderId orderId, int sequence) {
        return Optional.ofNullable(
                em.find(
                        EffectEvent.class,
                        new EffectEvent.Key(orderId.value(), effect, sequence),
                        LockModeType.PESSIMISTIC_WRITE));
    }
}
