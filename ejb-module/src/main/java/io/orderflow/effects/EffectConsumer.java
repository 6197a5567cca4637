package io.orderflow.effects;

import io.orderflow.OrderId;
import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.metrics.EffectMeters;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDrivenContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
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
 * All of it commits with the acknowledgement. A failure is recorded in a transaction of its own,
 * then this one rolls back, so the broker redelivers with the effect's backoff and dead-letters the
 * message at its limit; it is never swallowed. A failure that no retry can fix ({@link
 * EffectHandler#isPermanent}) is condemned: its next delivery goes to the dead-letter queue without
 * the attempts being used up. A failure raised only at commit is recorded too.
 */
public abstract class EffectConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EffectConsumer.class.getName());

    @Inject EffectSteps steps;

    @EJB EffectLedger ledger;

    @EJB DeadLetters deadLetters;

    @EJB DeadLetterVerdicts verdicts;

    @PersistenceContext EntityManager em;

    @Resource MessageDrivenContext context;

    @Resource TransactionSynchronizationRegistry transactions;

    @Resource ManagedExecutorService executor;

    @Inject EffectMeters meters;

    @Inject FailureStreaks streaks;

    /** The effect this bean delivers to: what it does with an event, and what it cannot retry. */
    protected abstract EffectHandler handler();

    private Effect effect() {
        return handler().effect();
    }

    @Override
    public void onMessage(Message message) {
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
            return;
        }
        if (attempt > 1) {
            meters.retried(effect().key());
        }
        Delivery delivery = new Delivery(event, attempt);
        transactions.registerInterposedSynchronization(delivery);
        try {
            // a verdict is recorded by a failed delivery of this very message, so a first one has
            // none to find
            if (attempt > 1 && verdicts.isCondemned(effect(), DeadLetterQueues.idOf(message))) {
                deadLetters.forward(effect(), message, event);
                return;
            }
            delivery.applied = steps.take(handler(), event, text, attempt);
            em.flush();
        } catch (Exception failure) {
            delivery.failureRecorded = true;
            // a transaction something else doomed first (a broken connection, the reaper) fails for
            // that reason, whatever the failure says: Hibernate even answers find() with null in
            // one (HHH-12472), which reads as "no such row"
            boolean doomed = context.getRollbackOnly();
            context.setRollbackOnly();
            Failure why = Failure.of(effect(), failure);
            boolean permanent = !doomed && handler().isPermanent(failure);
            delivery.failedForGood = permanent;
            delivery.why = why.summary();
            ledger.failed(event, effect(), attempt, why, permanent);
            if (permanent) {
                condemn(message, event);
            }
            LOG.warning(
                    () ->
                            effect().key()
                                    + (permanent ? " failed for good for " : " failed for ")
                                    + delivery
                                    + ": "
                                    + why.summary());
        }
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
     * Notices a transaction that rolls back after the consumer returned, when nothing recorded why:
     * the failure is then recorded from another thread, since this one is still finishing the
     * transaction.
     */
    private final class Delivery implements Synchronization {

        private final OrderEvent event;
        private final int attempt;
        private boolean failureRecorded;
        private boolean failedForGood;
        private String why;
        private boolean applied;

        Delivery(OrderEvent event, int attempt) {
            this.event = event;
            this.attempt = attempt;
        }

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            Effect effect = effect();
            if (status == Status.STATUS_COMMITTED) {
                streaks.succeeded(effect);
                if (applied) {
                    meters.processed(
                            effect.key(), Duration.between(event.occurredAt(), Instant.now()));
                }
                return;
            }
            meters.failed(effect.key());
            if (!failureRecorded) {
                Failure commitFailed = Failure.of(effect, new CommitFailed(status));
                why = commitFailed.summary();
                LOG.warning(() -> effect.key() + " could not commit " + this);
                executor.execute(() -> ledger.failed(event, effect, attempt, commitFailed, false));
            }
            if (!failedForGood) {
                streaks.failed(effect, why);
            }
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
