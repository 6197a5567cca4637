package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.events.OrderEvent;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ledger's rows ({@code effect_events}): one per order, effect and event, written with the
 * event, moved from pending to done, dead-lettered or discarded, and the answer to why an event has
 * none. How people see them is {@link EffectStatuses}; the events held in them, {@link HeldEvents}.
 */
@Stateless
public class EffectLedger {

    @PersistenceContext EntityManager em;

    /**
     * Longer than any gap between the database's commit and the broker's, recovery after a crash
     * included.
     */
    @Inject
    @ConfigProperty(name = "orderflow.effects.unrecorded-grace-seconds", defaultValue = "120")
    long unrecordedGraceSeconds;

    /** Between a node's clock, which dates events, and the database's, which dates prepares. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final Clock clock = Clock.systemUTC();

    /**
     * In the transaction that publishes the event: each effect now has it to handle. Its rows are
     * new, none is read.
     */
    public void expect(OrderEvent event) {
        Arrays.stream(Effect.values())
                .forEach(
                        effect ->
                                em.persist(
                                        new EffectEvent(
                                                event.order(),
                                                effect,
                                                event.sequence(),
                                                event.eventId(),
                                                event.type().name(),
                                                clock.instant())));
    }

    /**
     * The effect's row for the event, locked, for the synchronous baseline, which marks the rows
     * its own transaction wrote ({@link io.orderflow.baseline.InlineEffects}).
     */
    public Optional<EffectEvent> lock(OrderEvent event, Effect effect) {
        EffectEvent.Key key = new EffectEvent.Key(event.order().value(), effect, event.sequence());
        return Optional.ofNullable(em.find(EffectEvent.class, key, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Whether the event before this one is behind the effect, as committed; read without a lock,
     * for the kill switch's probe, which only looks for an event it may try.
     */
    public boolean predecessorSettled(OrderEvent event, Effect effect) {
        if (event.predecessor() == 0) {
            return true;
        }
        List<EffectState> states =
                em.createQuery(
                                "select e.state from EffectEvent e where e.orderId = :orderId "
                                        + "and e.effect = :effect and e.sequence = :sequence",
                                EffectState.class)
                        .setParameter("orderId", event.order().value())
                        .setParameter("effect", effect)
                        .setParameter("sequence", event.predecessor())
                        .getResultList();
        return !states.isEmpty() && states.get(0).settled();
    }

    /**
     * Why an event has no row for this effect: while it is young, the transaction that published it
     * may not have committed its rows yet (a transient failure, retried); so too while PostgreSQL
     * holds a transaction prepared since the event occurred and left in doubt (the broker's branch
     * committed, the database's waits for recovery, as after a stall during the commit), which may
     * be the event's own; past the grace period and with no such transaction, the event names an
     * order or a place in it the database never recorded (a permanent one: a forged or mistaken
     * event, applied nowhere).
     */
    public Exception unrecorded(OrderEvent event, Effect effect) {
        if (event.occurredAt().isAfter(clock.instant().minusSeconds(unrecordedGraceSeconds))
                || inDoubtSince(event.occurredAt())) {
            return new EventNotRecorded(event, effect);
        }
        Integer recorded =
                em.createQuery(
                                "select max(e.sequence) from EffectEvent e where e.orderId = :orderId",
                                Integer.class)
                        .setParameter("orderId", event.order().value())
                        .getSingleResult();
        return new EventContradictsRecord(
                event,
                recorded == null
                        ? "no such order is recorded"
                        : "the order's recorded events end at place " + recorded);
    }

    /**
     * Whether a transaction prepared since then (give or take the clocks' skew) is still in doubt:
     * prepared over a second ago, longer than a two-phase commit that goes well keeps one.
     */
    private boolean inDoubtSince(Instant occurredAt) {
        return ((Number)
                                em.createNativeQuery(
                                                "select count(*) from pg_prepared_xacts "
                                                        + "where database = current_database() and prepared >= ?1 "
                                                        + "and prepared < now() - interval '1 second'")
                                        .setParameter(
                                                1, Timestamp.from(occurredAt.minus(CLOCK_SKEW)))
                                        .getSingleResult())
                        .longValue()
                > 0;
    }

    public void done(EffectEvent row, int attempt) {
        row.done(attempt, clock.instant());
    }

    /**
     * Finds the row of an event by its id, for the dead-letter desk, which knows events only by
     * their messages.
     */
    public Optional<EffectEvent> find(OrderId orderId, Effect effect, String eventId) {
        return em.createQuery(
                        "select e from EffectEvent e where e.orderId = :orderId and e.effect = :effect "
                                + "and e.eventId = :eventId",
                        EffectEvent.class)
                .setParameter("orderId", orderId.value())
                .setParameter("effect", effect)
                .setParameter("eventId", eventId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    public void deadLettered(EffectEvent row) {
        if (!row.state().settled()) {
            row.deadLettered(clock.instant());
        }
    }

    public void retried(EffectEvent row) {
        if (!row.state().settled()) {
            row.retried(clock.instant());
        }
    }

    public void discarded(EffectEvent row) {
        if (!row.state().settled()) {
            row.discarded(clock.instant());
        }
    }
}
