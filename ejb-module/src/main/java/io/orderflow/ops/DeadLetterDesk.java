package io.orderflow.ops;

import io.orderflow.effects.DeadLetter;
import io.orderflow.effects.DeadLetterKey;
import io.orderflow.effects.DeadLetters;
import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectDestinations;
import io.orderflow.effects.FailureHistory;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The dead-letter desk: every message in the effects' dead-letter queues with the failure that put it there; send
 * them back to their queue (one, a selection, or every one with the same failure) once the cause is fixed, or discard
 * them with a reason. Every action is written to an audit log with the caller's name.
 */
@Stateless
@RolesAllowed(DeadLetterDesk.OPS)
public class DeadLetterDesk {

    /** The role of the people who operate OrderFlow (the desk, pausing effects, rebuilding the index). */
    public static final String OPS = "ops";

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @EJB
    DeadLetters deadLetters;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext caller;

    private final Clock clock = Clock.systemUTC();

    public List<DeadLetterEntry> list() {
        List<DeadLetterEntry> entries = new ArrayList<>();
        for (Effect effect : Effect.values()) {
            try (QueueBrowser browser = jms.createBrowser(EffectDestinations.deadLetterQueue(effect))) {
                for (Object message : Collections.list(browser.getEnumeration())) {
                    entries.add(entryOf(effect, (Message) message));
                }
            } catch (JMSException e) {
                throw new IllegalStateException("Could not browse the dead letters of " + effect.key(), e);
            }
        }
        return entries;
    }

    /** Sends the given dead letters back to their queues; returns how many were still there to send. */
    public int retry(Collection<DeadLetterEntry> selected) {
        int retried = 0;
        for (DeadLetterEntry entry : selected) {
            Effect effect = Effect.ofKey(entry.effect()).orElseThrow();
            if (deadLetters.retry(effect, entry.messageId(), entry.eventId())) {
                audit(DeadLetterAction.Kind.RETRY, entry, null);
                retried++;
            }
        }
        return retried;
    }

    /** Removes the given dead letters for good; returns how many were still there to remove. */
    public int discard(Collection<DeadLetterEntry> selected, String reason) {
        int discarded = 0;
        for (DeadLetterEntry entry : selected) {
            Effect effect = Effect.ofKey(entry.effect()).orElseThrow();
            if (deadLetters.discard(effect, entry.messageId()) != null) {
                audit(DeadLetterAction.Kind.DISCARD, entry, reason);
                discarded++;
            }
        }
        return discarded;
    }

    public List<DeadLetterAction> auditLog(int limit) {
        return em.createQuery("select a from DeadLetterAction a order by a.id desc", DeadLetterAction.class)
                .setMaxResults(limit)
                .getResultList();
    }

    private void audit(DeadLetterAction.Kind kind, DeadLetterEntry entry, String reason) {
        em.persist(new DeadLetterAction(kind, caller.getCallerPrincipal().getName(), clock.instant(), entry.effect(),
                entry.eventId(), entry.orderId() == null ? null : UUID.fromString(entry.orderId()), reason));
    }

    private DeadLetterEntry entryOf(Effect effect, Message message) throws JMSException {
        String key = DeadLetterKey.of(message);
        DeadLetter letter = deadLetters.find(effect, key);
        if (letter == null) {
            return new DeadLetterEntry(message.getJMSMessageID(), effect.key(), key, null, null, null, false, 0, null, null,
                    Instant.ofEpochMilli(message.getJMSTimestamp()), 0);
        }
        FailureHistory failures = letter.failures();
        return new DeadLetterEntry(message.getJMSMessageID(), effect.key(), key,
                letter.orderId() == null ? null : letter.orderId().toString(), letter.eventType(), failures.last(),
                failures.permanent(), letter.attempts(), failures.firstFailedAt(), failures.lastFailedAt(),
                letter.deadLetteredAt(), letter.retries());
    }
}
