package io.orderflow.effects.deadletters;

import io.orderflow.effects.Effect;
import io.orderflow.events.OrderEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * A consumer's decision that a delivery failed for good. Whether a delivery is to be moved is
 * decided from the delivery itself (its message id, at its effect), never from a row another
 * transaction may change.
 */
@Stateless
public class DeadLetterVerdicts {

    @PersistenceContext EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /**
     * Recorded in a transaction of its own (the consumer's rolls back): the next delivery of this
     * very message goes to the dead-letter queue without being applied. A copy sent back from the
     * desk is another message, so the verdict never catches it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void condemn(Effect effect, String messageId, OrderEvent event) {
        em.createNativeQuery(
                        "insert into dead_letter_verdicts (message_id, effect, event_id, decided_at) values (?1, ?2, ?3, ?4) "
                                + "on conflict (message_id, effect) do nothing")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .setParameter(3, event.eventId())
                .setParameter(4, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    /**
     * The diverts give each effect a copy of an event with the same message id: a verdict is one
     * effect's alone.
     */
    public boolean isCondemned(Effect effect, String messageId) {
        return !em.createNativeQuery(
                        "select 1 from dead_letter_verdicts where message_id = ?1 and effect = ?2")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .getResultList()
                .isEmpty();
    }

    /** The verdict is carried out (or the broker got there first): nothing is left to decide. */
    public void carriedOut(Effect effect, String messageId) {
        em.createNativeQuery(
                        "delete from dead_letter_verdicts where message_id = ?1 and effect = ?2")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .executeUpdate();
    }
}
