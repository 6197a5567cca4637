package io.orderflow.effects;

import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.messaging.Headers;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything that moves messages into and out of dead-letter queues, and keeps, for every message in one, the
 * failure that put it there: a consumer's permanent failures (moved at once), the broker's verdict after the last
 * attempt (noticed by the watch), and the desk's retries and discards. Whether a delivery is to be moved is decided
 * from the delivery itself (its message id, at its effect), never from a row another transaction may change.
 */
@Stateless
public class DeadLetters {

    /** Artemis' own origin properties, set as the broker sets them when it dead-letters a message. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    /** Carried by a message sent back from the desk: how often its event has been sent back so far. */
    public static final String RETRIES = "orderflowRetries";

    @PersistenceContext
    EntityManager em;

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @EJB
    EffectLedger ledger;

    private final Clock clock = Clock.systemUTC();

    /**
     * The consumer's verdict after a permanent failure, in a transaction of its own (the consumer's rolls back): the
     * next delivery of this very message goes to the dead-letter queue without being applied. A copy sent back from the
     * desk is another message, so the verdict never catches it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void condemn(Effect effect, String messageId, OrderEvent event) {
        em.createNativeQuery("insert into dead_letter_verdicts (message_id, effect, event_id, decided_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict (message_id, effect) do nothing")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .setParameter(3, event.eventId())
                .setParameter(4, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    /** The diverts give each effect a copy of an event with the same message id: a verdict is one effect's alone. */
    public boolean isCondemned(Effect effect, String messageId) {
        return !em.createNativeQuery("select 1 from dead_letter_verdicts where message_id = ?1 and effect = ?2")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .getResultList().isEmpty();
    }

    /**
     * Carries out a verdict, in the consumer's transaction: the copy in the dead-letter queue, its record and the
     * acknowledgement of the delivery commit together. One event, one dead letter.
     */
    public void forward(Effect effect, Message message, OrderEvent event) {
        UUID orderId = UUID.fromString(event.orderId());
        FailureHistory failures = ledger.failuresOf(orderId, effect, event.sequence());
        String copyId = copy(message, EffectDestinations.deadLetterQueue(effect), effect.queue(), retriesOf(message));
        em.persist(new DeadLetter(copyId, effect.queue(), event.eventId(), orderId, event.type().name(), failures,
                retriesOf(message), clock.instant()));
        ledger.find(orderId, effect, event.eventId()).ifPresent(ledger::deadLettered);
        forget(effect, idOf(message));
    }

    /** A message that is not an event this consumer can read: moved in the consumer's own transaction, nothing else was done. */
    public void forwardUnreadable(Effect effect, Message message, Failure failure) {
        Instant now = clock.instant();
        String copyId = copy(message, EffectDestinations.deadLetterQueue(effect), effect.queue(), retriesOf(message));
        em.persist(new DeadLetter(copyId, effect.queue(), null, null, null, FailureHistory.of(failure, true, now),
                retriesOf(message), now));
    }

    /**
     * The watch found a message in a dead-letter queue: the first time, record it (for an effect, with the failures its
     * consumer recorded) and mark the effect's event dead-lettered. Its own transaction, one message at a time.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noticed(String originQueue, Message message) {
        String messageId = idOf(message);
        if (find(originQueue, messageId).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        Optional<Effect> effect = Effect.ofQueue(originQueue);
        OrderEvent event = effect.isPresent() ? readable(message) : null;
        DeadLetter letter;
        if (event == null) {
            letter = new DeadLetter(messageId, originQueue, null, null, null, FailureHistory.of(brokerGaveUp(originQueue),
                    false, now), retriesOf(message), now);
        } else {
            UUID orderId = UUID.fromString(event.orderId());
            FailureHistory failures = ledger.failuresOf(orderId, effect.get(), event.sequence());
            letter = new DeadLetter(messageId, originQueue, event.eventId(), orderId, event.type().name(),
                    failures.last() != null ? failures : FailureHistory.of(brokerGaveUp(originQueue), false, now),
                    retriesOf(message), now);
            ledger.find(orderId, effect.get(), event.eventId()).ifPresent(ledger::deadLettered);
        }
        em.persist(letter);
        // the broker dead-lettered a message its consumer had condemned on the last attempt: nothing left to carry out
        effect.ifPresent(e -> forget(e, messageId));
    }

    /**
     * Takes a dead letter out of its dead-letter queue and sends it back to the queue it came from, in one transaction.
     * The copy carries no duplicate id (the broker would drop it as a repeat) but its event id, so the consumer's inbox
     * still guards the effect, and one more retry. Returns false when the message is no longer there.
     */
    public boolean retry(String originQueue, String messageId, Queue deadLetterQueue, Queue origin) {
        DeadLetter letter = find(originQueue, messageId).orElse(null);
        Message message = letter == null ? null : take(deadLetterQueue, messageId);
        if (message == null) {
            return false;
        }
        letter.retried();
        copy(message, origin, null, retriesOf(message) + 1);
        effectEventOf(letter).ifPresent(ledger::retried);
        return true;
    }

    /**
     * Removes a dead letter for good; the event after it, if it waits, goes ahead without it. Returns its record, or
     * empty when the message is no longer there.
     */
    public Optional<DeadLetter> discard(String originQueue, String messageId, Queue deadLetterQueue) {
        DeadLetter letter = find(originQueue, messageId).orElse(null);
        if (letter == null || take(deadLetterQueue, messageId) == null) {
            return Optional.empty();
        }
        letter.discarded();
        effectEventOf(letter).ifPresent(row -> {
            ledger.discarded(row);
            ledger.sendOnSuccessor(row.orderId(), row.effect(), row.sequence());
        });
        return Optional.of(letter);
    }

    /** The record of a message in the dead-letter queue of {@code originQueue}. */
    public Optional<DeadLetter> find(String originQueue, String messageId) {
        return Optional.ofNullable(em.find(DeadLetter.class, new DeadLetter.Key(originQueue, messageId)));
    }

    private Optional<OrderEffect> effectEventOf(DeadLetter letter) {
        return Effect.ofQueue(letter.originQueue())
                .filter(effect -> letter.orderId() != null)
                .flatMap(effect -> ledger.find(letter.orderId(), effect, letter.eventId()));
    }

    private void forget(Effect effect, String messageId) {
        em.createNativeQuery("delete from dead_letter_verdicts where message_id = ?1 and effect = ?2")
                .setParameter(1, messageId)
                .setParameter(2, effect.name())
                .executeUpdate();
    }

    private Message take(Queue deadLetterQueue, String messageId) {
        String selector = "JMSMessageID = '" + messageId.replace("'", "''") + "'";
        try (var consumer = jms.createConsumer(deadLetterQueue, selector)) {
            return consumer.receive(2000);
        }
    }

    /**
     * Sends a copy of the message: its body and OrderFlow's properties, the order's group, and where it came from when
     * it goes to a dead-letter queue. Returns the copy's message id. A JMS failure here must roll back the record that
     * goes with the copy, hence the unchecked rethrow.
     */
    private String copy(Message message, Queue destination, String origin, int retries) {
        try {
            TextMessage copy = jms.createTextMessage(message instanceof TextMessage text ? text.getText() : null);
            Enumeration<?> names = message.getPropertyNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                // the broker's own properties (duplicate id, delivery count, origin) belong to the message they were set on
                if (!name.startsWith("JMSX") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")) {
                    copy.setObjectProperty(name, message.getObjectProperty(name));
                }
            }
            String group = message.getStringProperty(Headers.GROUP_ID);
            if (group != null) {
                copy.setStringProperty(Headers.GROUP_ID, group);
            }
            if (origin != null) {
                copy.setStringProperty(ORIGINAL_ADDRESS, origin);
                copy.setStringProperty(ORIGINAL_QUEUE, origin);
            }
            copy.setIntProperty(RETRIES, retries);
            jms.createProducer().send(destination, copy);
            return copy.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not copy a message to " + destination, e);
        }
    }

    private static OrderEvent readable(Message message) {
        try {
            return EventCodec.decode(message instanceof TextMessage text ? text.getText() : null);
        } catch (UnreadableEvent | JMSException e) {
            return null;
        }
    }

    private static Failure brokerGaveUp(String originQueue) {
        return new Failure("org.apache.activemq.artemis.DeadLettered", "the broker moved it here after the last delivery "
                + "attempt allowed on " + originQueue + "; see the server log for the failures", "dead-lettered");
    }

    public static String idOf(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a message's id", e);
        }
    }

    private static int retriesOf(Message message) {
        try {
            return message.propertyExists(RETRIES) ? message.getIntProperty(RETRIES) : 0;
        } catch (JMSException | NumberFormatException e) {
            return 0;
        }
    }
}
