package io.orderflow.ops;

import io.orderflow.effects.DeadLetter;
import io.orderflow.effects.DeadLetters;
import io.orderflow.effects.FailureHistory;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter desk: every message in OrderFlow's dead-letter queues with the failure that put it there; send
 * them back to their queue (one, a selection, or every one with the same failure) once the cause is fixed, or discard
 * them with a reason. Every action is its own transaction, written to an audit log with the caller's name.
 */
@Stateless
@RolesAllowed(Roles.OPS)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterDesk {

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @EJB
    DeadLetters deadLetters;

    @EJB
    DeadLetterActions actions;

    @PersistenceContext
    EntityManager em;

    /** What waits in the dead-letter queues now; a message the watch has not recorded yet is recorded first. */
    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<DeadLetterEntry> list() {
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (DeadLetterSource source : DeadLetterSource.all()) {
            for (Message message : source.waiting(jms)) {
                entryOf(source, message).ifPresent(entries::add);
            }
        }
        return entries;
    }

    /** Sends the given dead letters back to their queues; returns how many were still there to send. */
    public int retry(Collection<DeadLetterEntry> selected) {
        return (int) selected.stream().filter(entry -> actions.retry(entry, source(entry))).count();
    }

    /** Removes the given dead letters for good; returns how many were still there to remove. */
    public int discard(Collection<DeadLetterEntry> selected, String reason) {
        return (int) selected.stream().filter(entry -> actions.discard(entry, source(entry), reason)).count();
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    public List<DeadLetterAction> auditLog(int limit) {
        return em.createQuery("select a from DeadLetterAction a order by a.id desc", DeadLetterAction.class)
                .setMaxResults(limit)
                .getResultList();
    }

    private static DeadLetterSource source(DeadLetterEntry entry) {
        return DeadLetterSource.named(entry.source()).orElseThrow();
    }

    private Optional<DeadLetterEntry> entryOf(DeadLetterSource source, Message message) {
        String messageId = DeadLetters.idOf(message);
        if (deadLetters.find(source.originQueue(), messageId).isEmpty()) {
            deadLetters.noticed(source.originQueue(), message);
        }
        return deadLetters.find(source.originQueue(), messageId).filter(letter -> letter.state() == DeadLetter.State.WAITING).map(letter -> {
            FailureHistory failures = letter.failures();
            return new DeadLetterEntry(messageId, source.name(), letter.eventId(),
                    letter.orderId() == null ? null : letter.orderId().toString(), letter.eventType(), failures.last(),
                    failures.permanent(), failures.failedAttempts(), failures.firstFailedAt(), failures.lastFailedAt(),
                    letter.deadLetteredAt(), letter.retries());
        });
    }
}
