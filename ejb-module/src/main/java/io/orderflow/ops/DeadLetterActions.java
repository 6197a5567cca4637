package io.orderflow.ops;

import io.orderflow.OrderId;
import io.orderflow.effects.DeadLetter;
import io.orderflow.effects.DeadLetterQueues;
import io.orderflow.effects.DeadLetterSource;
import io.orderflow.effects.DeadLetters;
import io.orderflow.effects.EffectLedger;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/**
 * One operator's action on one dead letter, in a transaction of its own: the message leaves its
 * dead-letter queue, its record and its effect's row say what became of it, and the audit log says
 * who did it, or none of it happens.
 */
@Stateless
@RolesAllowed(Roles.OPS)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeadLetterActions {

    @EJB DeadLetters deadLetters;

    @EJB EffectLedger ledger;

    @Inject DeadLetterQueues queues;

    @PersistenceContext EntityManager em;

    @Resource SessionContext caller;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sends the message back to the queue it came from; false when it is no longer in its
     * dead-letter queue.
     */
    public boolean retry(DeadLetterEntry entry) {
        DeadLetterSource source = sourceOf(entry);
        Optional<DeadLetter> letter = deadLetters.find(source.originQueue(), entry.messageId());
        Message message = letter.isEmpty() ? null : queues.take(source, entry.messageId());
        if (message == null) {
            return false;
        }
        queues.sendBack(source, message);
        letter.get().retried();
        deadLetters.rowOf(letter.get()).ifPresent(ledger::retried);
        audit(DeadLetterAction.Kind.RETRY, entry, null);
        return true;
    }

    /** Removes the message for good; the event after it, if it waits, goes ahead without it. */
    public boolean discard(DeadLetterEntry entry, String reason) {
        DeadLetterSource source = sourceOf(entry);
        Optional<DeadLetter> letter = deadLetters.find(source.originQueue(), entry.messageId());
        if (letter.isEmpty() || queues.take(source, entry.messageId()) == null) {
            return false;
        }
        letter.get().discarded();
        deadLetters
                .rowOf(letter.get())
                .ifPresent(
                        row -> {
                            ledger.discarded(row);
                            ledger.sendOnSuccessor(row.orderId(), row.effect(), row.sequence());
                        });
        audit(DeadLetterAction.Kind.DISCARD, entry, reason);
        return true;
    }

    private static DeadLetterSource sourceOf(DeadLetterEntry entry) {
        return DeadLetterSource.named(entry.source()).orElseThrow();
    }

    private void audit(DeadLetterAction.Kind kind, DeadLetterEntry entry, String reason) {
        em.persist(
                new DeadLetterAction(
                        kind,
                        caller.getCallerPrincipal().getName(),
                        clock.instant(),
                        entry.source(),
                        entry.eventId() == null ? entry.messageId() : entry.eventId(),
                        entry.orderId() == null ? null : OrderId.fromString(entry.orderId()),
                        reason));
    }
}
