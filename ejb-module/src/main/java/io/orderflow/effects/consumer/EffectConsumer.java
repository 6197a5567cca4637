package io.orderflow.effects.consumer;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterQueues;
import io.orderflow.effects.deadletters.DeadLetterVerdicts;
import io.orderflow.effects.deadletters.DeadLetters;
import io.orderflow.effects.failures.Failure;
import io.orderflow.effects.failures.FailureLog;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.JndiNames;
import io.orderflow.metrics.EffectMeters;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDrivenContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every effect's message-driven bean does with an event, in the container's transaction:
 *
 * <ol>
 *   <li>a delivery its consumer condemned on an earlier attempt (a permanent failure) goes to the
 *       dead-letter queue;
 *   <li>the event's row is locked; no row yet means the publishing transaction has not committed
 *       it: retry later (for a young event) or refuse it as contradicting the database (an old
 *       one);
 *   <li>an event that says otherwise than its row (another event id, another type) is refused;
 *   <li>an event already applied (or discarded) is acknowledged and nothing else;
 *   <li>an event whose predecessor is not applied yet is held, and sent again once it is;
 *   <li>otherwise the inbox is claimed, the effect applied, the event marked done, and a held
 *       successor sent on.
 * </ol>
 *
 * <p>When more events wait, the bean takes up to the effect's batch size of them ({@link
 * BatchSizes}) into the same transaction, through a consumer of its own on the effect's queue (the
 * batch connection factory, XA): one transaction, one prepare and one commit for all of them. Each
 * is taken as above, so the ledger still decides order and exactly-once, but the batch's rows are
 * locked, its orders' facts read and its inbox claimed in one statement each ({@link EffectSteps}).
 * A redelivery is taken alone and ends a batch. A failure of a statement for the whole batch blames
 * no event: every one is recorded, and they come back one at a time.
 *
 * <p>All of it commits with the acknowledgements. A failure is recorded in a transaction of its
 * own, then this one rolls back, so the broker redelivers every event of the batch with the
 * effect's backoff, each on its own, and dead-letters a message at its limit; it is never
 * swallowed. A failure that no retry can fix ({@link EffectHandler#isPermanent}) is condemned: its
 * next delivery goes to the dead-letter queue without the attempts being used up. A failure raised
 * only at commit is recorded too, for every event of the batch.
 */
public abstract class EffectConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EffectConsumer.class.getName());

    @Inject EffectSteps steps;

    @EJB EffectLedger ledger;

    @EJB FailureLog failureLog;

    @EJB DeadLetters deadLetters;

    @EJB DeadLetterVerdicts verdicts;

    @PersistenceContext EntityManager em;

    @Resource MessageDrivenContext context;

    @Resource TransactionSynchronizationRegistry transactions;

    @Resource ManagedExecutorService executor;

    @Resource(lookup = JndiNames.BATCH_CONNECTION_FACTORY)
    ConnectionFactory batchFactory;

    @Inject EffectMeters meters;

    @Inject DeliveryOutcomes outcomes;

    @Inject BatchSizes batchSizes;

    /** The effect's queue, looked up in JNDI once per bean instance, not once per batch. */
    private Queue queue;

    /** The effect this bean delivers to: what it does with an event, and what it cannot retry. */
    protected abstract EffectHandler handler();

    private Effect effect() {
        return handler().effect();
    }

    @Override
    public void onMessage(Message message) {
        Batch batch = new Batch();
        transactions.registerInterposedSynchronization(batch);
        List<Message> messages = new ArrayList<>(List.of(message));
        int most = batchSizes.now(effect());
        if (most > 1 && deliveryCount(message) == 1) {
            try {
                receiveWaiting(messages, most - 1);
            } catch (RuntimeException failure) {
                // the events received so far roll back with it and come back one at a time
                batch.unexplained = failure;
                context.setRollbackOnly();
                return;
            }
        }
        take(messages, batch);
    }

    /**
     * Receives up to {@code most} further events that wait in the effect's queue, into this
     * transaction; a redelivery ends the batch.
     */
    private void receiveWaiting(List<Message> messages, int most) {
        if (queue == null) {
            queue = Destinations.queue(effect().jndiName());
        }
        try (JMSContext jms = batchFactory.createContext();
                JMSConsumer waiting = jms.createConsumer(queue)) {
            for (int received = 0; received < most; received++) {
                Message next = waiting.receiveNoWait();
                if (next == null) {
                    return;
                }
                messages.add(next);
                if (deliveryCount(next) > 1) {
                    return;
                }
            }
        }
    }

    /** Takes the delivered messages into the batch: each event through {@link EffectSteps}. */
    private void take(List<Message> messages, Batch batch) {
        // the events handed to the steps, and the deliveries and messages they came from, alike
        List<EffectSteps.Taken> events = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        List<Message> sources = new ArrayList<>();
        for (Message message : messages) {
            int attempt = deliveryCount(message);
            String text = textOf(message);
            OrderEvent event;
            try {
                event = EventCodec.decode(text);
            } catch (UnreadableEvent unreadable) {
                LOG.warning(
                        () ->
                                effect().key()
                                        + " cannot read a message, moving it to the dead-letter queue: "
                                        + unreadable.getMessage());
                deadLetters.forwardUnreadable(effect(), message, Failure.of(effect(), unreadable));
                continue;
            }
            if (attempt > 1) {
                meters.retried(effect().key());
            }
            Delivery delivery = new Delivery(event, attempt);
            batch.deliveries.add(delivery);
            try {
                // a verdict is recorded by a failed delivery of this very message, so a first one
                // has none to find
                if (attempt > 1 && verdicts.isCondemned(effect(), DeadLetterQueues.idOf(message))) {
                    deadLetters.forward(effect(), message, event);
                    continue;
                }
            } catch (Exception failure) {
                failed(batch, delivery, message, failure);
                return;
            }
            delivery.taken = new EffectSteps.Taken(event, text, attempt);
            events.add(delivery.taken);
            deliveries.add(delivery);
            sources.add(message);
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            steps.take(handler(), events);
            em.flush();
        } catch (EffectSteps.Failed failed) {
            failed(
                    batch,
                    deliveries.get(failed.index()),
                    sources.get(failed.index()),
                    failed.failure());
        } catch (RuntimeException failure) {
            // a statement for the whole batch failed: no event to blame, every one is recorded
            batch.unexplained = failure;
            context.setRollbackOnly();
        }
    }

    private void failed(Batch batch, Delivery delivery, Message message, Exception failure) {
        batch.failed = delivery;
        // a transaction something else doomed first (a broken connection, the reaper) fails for
        // that reason, whatever the failure says: Hibernate even answers find() with null in one
        // (HHH-12472), which reads as "no such row"
        boolean doomed = context.getRollbackOnly();
        context.setRollbackOnly();
        Failure why = Failure.of(effect(), failure);
        boolean permanent = !doomed && handler().isPermanent(failure);
        batch.failedForGood = permanent;
        batch.why = why.summary();
        failureLog.record(delivery.event, effect(), delivery.attempt, why, permanent);
        if (permanent) {
            condemn(message, delivery.event);
        }
        LOG.warning(
                () ->
                        effect().key()
                                + (permanent ? " failed for good for " : " failed for ")
                                + delivery
                                + ": "
                                + why.summary());
    }

    private void condemn(Message message, OrderEvent event) {
        try {
            verdicts.condemn(effect(), DeadLetterQueues.idOf(message), event);
        } catch (RuntimeException e) {
            // the rollback stands: the broker redelivers, the next attempt fails again and tries
            // the verdict again
            LOG.log(
                    Level.WARNING,
                    "Could not condemn event " + event.eventId() + " of " + effect().key(),
                    e);
        }
    }

    /**
     * Notices how the batch's transaction ended, after the consumer returned: counts what it
     * applied, and records a rollback nothing recorded yet from another thread, since this one is
     * still finishing the transaction.
     */
    private final class Batch implements Synchronization {

        private final List<Delivery> deliveries = new ArrayList<>();
        private Delivery failed;
        private boolean failedForGood;
        private String why;
        private RuntimeException unexplained;

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (deliveries.isEmpty()) {
                return;
            }
            Effect effect = effect();
            if (status == Status.STATUS_COMMITTED) {
                outcomes.succeeded(effect);
                meters.committed(effect.key());
                Instant now = Instant.now();
                deliveries.stream()
                        .filter(delivery -> delivery.taken != null && delivery.taken.applied())
                        .forEach(
                                delivery ->
                                        meters.processed(
                                                effect.key(),
                                                Duration.between(
                                                        delivery.event.occurredAt(), now)));
                return;
            }
            meters.failed(effect.key());
            batchSizes.failed(effect);
            if (failed == null) {
                Failure unrecorded =
                        Failure.of(
                                effect,
                                unexplained != null ? unexplained : new CommitFailed(status));
                why = unrecorded.summary();
                List<Delivery> members = List.copyOf(deliveries);
                LOG.warning(() -> effect.key() + " could not commit " + members + ": " + why);
                executor.execute(
                        () ->
                                members.forEach(
                                        delivery ->
                                                failureLog.record(
                                                        delivery.event,
                                                        effect,
                                                        delivery.attempt,
                                                        unrecorded,
                                                        false)));
            }
            if (!failedForGood) {
                outcomes.failed(effect, why, failed == null ? null : failed.event.eventId());
            }
        }
    }

    /** One event of a batch. */
    private static final class Delivery {

        private final OrderEvent event;
        private final int attempt;
        private EffectSteps.Taken taken;

        Delivery(OrderEvent event, int attempt) {
            this.event = event;
            this.attempt = attempt;
        }

        /** As the log names a delivery: "OrderPlaced <event id> of order 1a2b3c4d… (attempt n)". */
        @Override
        public String toString() {
            return event.type()
                    + " "
                    + event.eventId()
                    + " of order "
                    + OrderId.redacted(event.orderId())
                    + " (attempt "
                    + attempt
                    + ")";
        }
    }

    private static String textOf(Message message) {
        try {
            return message instanceof TextMessage text ? text.getText() : null;
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read the message body", e);
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }
}
