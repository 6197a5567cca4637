package io.orderflow.ops;

import io.orderflow.OrderId;
import io.orderflow.effects.deadletters.DeadLetter;
import io.orderflow.effects.deadletters.DeadLetterQueues;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.effects.deadletters.DeadLetters;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.effects.sequencing.HeldEvents;
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
 * One operator's action on one dead letter, in a transaction of its own: the copy sent back, the
 * record and the effect's row saying what became of the letter, and the audit log saying who did
 * it, or none of it. The settled original leaves its dead-letter queue after the commit.
 */
@Stateless
@RolesAllowed(Roles.OPS)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeadLetterActions {

    @EJB DeadLetters deadLetters;

    @EJB EffectLedger ledger;

    @EJB HeldEvents heldEvents;

    @Inject DeadLetterQueues queues;

    @PersistenceContext EntityManager em;

    @Resource SessionContext caller;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sends a copy of the message back to the queue it came from; false when it is no longer
     * waiting in its dead-letter queue. The original is the caller's to remove once this commits.
     */
    public boolean retry(DeadLetterEntry entry) {
        DeadLetterSource source = sourceOf(entry);
        Optional<DeadLetter> letter =
                deadLetters.lockWaiting(source.originQueue(), entry.messageId());
        Optional<Message> message =
                letter.flatMap(waiting -> queues.peek(source, entry.messageId()));
        if (message.isEmpty()) {
            return false;
        }
        queues.sendBack(source, message.get());
        letter.get().retried();
        deadLetters.rowOf(letter.get()).ifPresent(ledger::retried);
        audit(DeadLetterAction.Kind.RETRY, entry, null);
        return true;
    }

    /**
     * Settles the message as removed for good; the event after it, if it waits, goes ahead without
     * it. The original is the caller's to remove once this commits.
     */
    public boolean discard(DeadLetterEntry entry, String reason) {
        DeadLetterSource source = sourceOf(entry);
        Optional<DeadLetter> letter =
                deadLetters.lockWaiting(source.originQueue(), entry.messageId());
        if (letter.isEmpty() || queues.peek(source, entry.messageId()).isEmpty()) {
            return false;
        }
        letter.get().discarded();
        deadLetters
                .rowOf(letter.get())
                .ifPresent(
                        row -> {
                            ledger.discarded(row);
                            heldEvents.sendOnSuccessor(row.orderId(), row.effect(), row.sequence());
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
