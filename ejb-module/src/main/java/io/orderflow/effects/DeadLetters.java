package io.orderflow.effects;

import io.orderflow.events.EventPublisher;
import io.orderflow.events.OrderEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;
import java.util.UUID;

/**
 * Moves a message that no retry can help to its effect's dead-letter queue at once, and keeps, for every dead letter
 * (moved here or by the broker after the last attempt), the failure that put it there.
 */
@Stateless
public class DeadLetters {

    /*
     * Every method here that sends writes its database rows first (flush): the transaction manager then commits the
     * database before the broker, so whoever receives the message finds the record that goes with it.
     */

    /** Artemis' own origin properties, set as the broker sets them when it dead-letters a message. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    public static final String RETRIES = "orderflowRetries";

    @PersistenceContext
    EntityManager em;

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @EJB
    EffectLedger ledger;

    private final Clock clock = Clock.systemUTC();

    /** True when this event's message was moved to the dead-letter queue already, on an earlier delivery. */
    public boolean holds(Effect effect, String eventId) {
        DeadLetter letter = em.find(DeadLetter.class, new DeadLetter.Key(effect, eventId));
        return letter != null && letter.state() == DeadLetter.State.WAITING;
    }

    /**
     * After a permanent failure: copies the message to the dead-letter queue and records why, in a transaction of its
     * own (the consumer's, with the failed effect's half-done work, rolls back). The delivery that comes back finds
     * the record and is acknowledged without being applied again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forward(Effect effect, Message message, OrderEvent event, Failure failure, int attempt) {
        Instant now = clock.instant();
        OrderEffect state = ledger.find(UUID.fromString(event.orderId()), effect);
        FailureHistory failures = state != null && state.isFor(event.eventId()) ? state.failures()
                : FailureHistory.of(failure, true, now);
        record(effect, event.eventId(), UUID.fromString(event.orderId()), event.type().name()).arrived(failures, attempt, now);
        em.flush();
        copyToDeadLetterQueue(effect, message);
    }

    /**
     * A message that is not an event this consumer can read: moved in the consumer's own transaction, since nothing
     * else was done, so that the move and the acknowledgement are one.
     */
    public void forwardUnreadable(Effect effect, Message message, Failure failure, int attempt) {
        Instant now = clock.instant();
        record(effect, DeadLetterKey.of(message), null, null).arrived(FailureHistory.of(failure, true, now), attempt, now);
        em.flush();
        copyToDeadLetterQueue(effect, message);
    }

    /** The broker dead-lettered the message after its last attempt: keep the failure the consumer recorded. */
    public void arrived(Effect effect, OrderEvent event) {
        DeadLetter recorded = find(effect, event.eventId());
        if (recorded != null && recorded.state() == DeadLetter.State.WAITING) {
            return;
        }
        DeadLetter letter = record(effect, event.eventId(), UUID.fromString(event.orderId()), event.type().name());
        OrderEffect state = ledger.find(UUID.fromString(event.orderId()), effect);
        boolean known = state != null && state.isFor(event.eventId());
        letter.arrived(known ? state.failures() : new FailureHistory(), known ? state.attempts() : 0, clock.instant());
        ledger.deadLettered(event, effect);
    }

    /**
     * Takes a dead letter out of its dead-letter queue and sends it back to its effect's queue, in one transaction.
     * The copy carries no duplicate id (the broker would drop it as a repeat) but its event id, so the inbox still
     * guards the effect. Returns false when the message is no longer there.
     */
    public boolean retry(Effect effect, String messageId, String eventId) {
        // the record first: the database then commits before the broker, so the copy never meets a stale record
        DeadLetter letter = record(effect, eventId, null, null);
        em.flush();
        Message message = take(effect, messageId);
        if (message == null) {
            return false;
        }
        try {
            letter.retried();
            TextMessage copy = copyOf(effect, message);
            copy.setIntProperty(RETRIES, letter.retries());
            if (letter.orderId() != null) {
                copy.setStringProperty(EventPublisher.GROUP_ID, letter.orderId().toString());
                ledger.retried(letter.orderId(), letter.eventId(), effect);
            }
            jms.createProducer().send(EffectDestinations.queue(effect), copy);
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException("Could not send dead letter " + messageId + " back to " + effect.queue(), e);
        }
    }

    /** Removes a dead letter for good. Returns its record, or null when the message is no longer there. */
    public DeadLetter discard(Effect effect, String messageId) {
        Message message = take(effect, messageId);
        if (message == null) {
            return null;
        }
        DeadLetter letter = record(effect, DeadLetterKey.of(message), null, null);
        letter.discarded();
        return letter;
    }

    private Message take(Effect effect, String messageId) {
        String selector = "JMSMessageID = '" + messageId.replace("'", "''") + "'";
        try (var consumer = jms.createConsumer(EffectDestinations.deadLetterQueue(effect), selector)) {
            return consumer.receive(2000);
        }
    }

    public DeadLetter find(Effect effect, String eventId) {
        return em.find(DeadLetter.class, new DeadLetter.Key(effect, eventId));
    }

    private DeadLetter record(Effect effect, String eventId, UUID orderId, String eventType) {
        DeadLetter letter = find(effect, eventId);
        if (letter == null) {
            letter = new DeadLetter(effect, eventId, orderId, eventType, clock.instant());
            em.persist(letter);
        }
        return letter;
    }

    /** A JMS failure here must roll the record back with it, hence the unchecked rethrow. */
    private void copyToDeadLetterQueue(Effect effect, Message message) {
        try {
            jms.createProducer().send(EffectDestinations.deadLetterQueue(effect), copyOf(effect, message));
        } catch (JMSException e) {
            throw new IllegalStateException("Could not copy the message to the dead-letter queue of " + effect.key(), e);
        }
    }

    private TextMessage copyOf(Effect effect, Message message) throws JMSException {
        TextMessage copy = jms.createTextMessage(message instanceof TextMessage text ? text.getText() : null);
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            // the broker's own properties (duplicate id, group, delivery count) belong to the original message
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")) {
                copy.setObjectProperty(name, message.getObjectProperty(name));
            }
        }
        copy.setStringProperty(DeadLetterKey.PROPERTY, DeadLetterKey.of(message));
        copy.setStringProperty(ORIGINAL_ADDRESS, effect.queue());
        copy.setStringProperty(ORIGINAL_QUEUE, effect.queue());
        return copy;
    }
}
