package io.orderflow.effects.deadletters;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.failures.Failure;
import io.orderflow.effects.failures.FailureHistory;
import io.orderflow.effects.failures.FailureLog;
import io.orderflow.effects.sequencing.EffectEvent;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.metrics.EffectMeters;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The records of the messages in the dead-letter queues, each with the failure that put it there: a
 * consumer's permanent failures (moved by the consumer) and the broker's verdict after the last
 * attempt (noticed by {@link DeadLetterWatch}). What an operator then does with them is {@code
 * ops}' business.
 */
@Stateless
public class DeadLetters {

    @PersistenceContext EntityManager em;

    @Inject DeadLetterQueues queues;

    @EJB DeadLetterVerdicts verdicts;

    @EJB EffectLedger ledger;

    @EJB FailureLog failureLog;

    @Inject EffectMeters meters;

    private final Clock clock = Clock.systemUTC();

    /**
     * Carries out a verdict, in the consumer's transaction: the copy in the dead-letter queue, its
     * record and the acknowledgement of the delivery commit together. One event, one dead letter.
     */
    public void forward(Effect effect, Message message, OrderEvent event) {
        OrderId orderId = event.order();
        FailureHistory failures = failureLog.of(orderId, effect, event.sequence());
        String copyId = queues.deadLetter(DeadLetterSource.of(effect), message);
        em.persist(
                new DeadLetter(
                        copyId,
                        effect.queue(),
                        event.eventId(),
                        orderId,
                        event.type().name(),
                        failures,
                        DeadLetterQueues.retriesOf(message),
                        clock.instant()));
        ledger.find(orderId, effect, event.eventId()).ifPresent(ledger::deadLettered);
        verdicts.carriedOut(effect, DeadLetterQueues.idOf(message));
        meters.deadLettered(effect.key());
    }

    /**
     * A message that is not an event this consumer can read: moved in the consumer's own
     * transaction, nothing else was done.
     */
    public void forwardUnreadable(Effect effect, Message message, Failure failure) {
        Instant now = clock.instant();
        String copyId = queues.deadLetter(DeadLetterSource.of(effect), message);
        em.persist(
                new DeadLetter(
                        copyId,
                        effect.queue(),
                        null,
                        null,
                        null,
                        FailureHistory.of(failure, true, now),
                        DeadLetterQueues.retriesOf(message),
                        now));
        meters.deadLettered(effect.key());
    }

    /**
     * A message found in a dead-letter queue: the first time, record it (for an effect, with the
     * failures its consumer recorded) and mark the effect's event dead-lettered. Its own
     * transaction, one message at a time.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noticed(String originQueue, Message message) {
        String messageId = DeadLetterQueues.idOf(message);
        if (find(originQueue, messageId).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        Optional<Effect> effect = Effect.ofQueue(originQueue);
        OrderEvent event = effect.isPresent() ? readable(message) : null;
        DeadLetter letter;
        if (event == null) {
            letter =
                    new DeadLetter(
                            messageId,
                            originQueue,
                            null,
                            null,
                            null,
                            FailureHistory.of(brokerGaveUp(originQueue), false, now),
                            DeadLetterQueues.retriesOf(message),
                            now);
        } else {
            OrderId orderId = event.order();
            FailureHistory failures = failureLog.of(orderId, effect.get(), event.sequence());
            letter =
                    new DeadLetter(
                            messageId,
                            originQueue,
                            event.eventId(),
                            orderId,
                            event.type().name(),
                            failures.last() != null
                                    ? failures
                                    : FailureHistory.of(brokerGaveUp(originQueue), false, now),
                            DeadLetterQueues.retriesOf(message),
                            now);
            ledger.find(orderId, effect.get(), event.eventId()).ifPresent(ledger::deadLettered);
        }
        em.persist(letter);
        DeadLetterSource.ofOriginQueue(originQueue)
                .ifPresent(source -> meters.deadLettered(source.name()));
        // the broker dead-lettered a message its consumer had condemned on the last attempt:
        // nothing left to carry out
        effect.ifPresent(e -> verdicts.carriedOut(e, messageId));
    }

    /** The record of a message in the dead-letter queue of {@code originQueue}. */
    public Optional<DeadLetter> find(String originQueue, String messageId) {
        return Optional.ofNullable(
                em.find(DeadLetter.class, new DeadLetter.Key(originQueue, messageId)));
    }

    /**
     * The record of a message still waiting in the dead-letter queue of {@code originQueue}, locked
     * until the caller's transaction ends: of two operators acting on the same letter at once, the
     * second finds it settled by the first.
     */
    public Optional<DeadLetter> lockWaiting(String originQueue, String messageId) {
        return Optional.ofNullable(
                        em.find(
                                DeadLetter.class,
                                new DeadLetter.Key(originQueue, messageId),
                                LockModeType.PESSIMISTIC_WRITE))
                .filter(letter -> letter.state() == DeadLetter.State.WAITING);
    }

    /**
     * The effect's row of the event a dead letter carries, when it carries one of an effect's
     * events.
     */
    public Optional<EffectEvent> rowOf(DeadLetter letter) {
        return Effect.ofQueue(letter.originQueue())
                .filter(effect -> letter.orderId() != null)
                .flatMap(effect -> ledger.find(letter.orderId(), effect, letter.eventId()));
    }

    private static OrderEvent readable(Message message) {
        try {
            return EventCodec.decode(message instanceof TextMessage text ? text.getText() : null);
        } catch (UnreadableEvent | JMSException e) {
            return null;
        }
    }

    private static Failure brokerGaveUp(String originQueue) {
        return new Failure(
                "org.apache.activemq.artemis.DeadLettered",
                "the broker moved it here after the last delivery "
                        + "attempt allowed on "
                        + originQueue
                        + "; see the server log for the failures",
                "dead-lettered");
    }
}
