package io.orderflow.effects;

import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import io.orderflow.inbox.Inbox;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every effect's message-driven bean does with an event, in the container's transaction: claim the event in the
 * inbox (a second delivery of a handled event is acknowledged and does nothing), apply the effect, mark it done. The
 * three commit together with the acknowledgement. A failure is recorded, then the transaction is rolled back, so the
 * broker redelivers with the effect's backoff and dead-letters the message at its limit; it is never swallowed.
 * A failure that no retry can fix ({@link FailureClassification}) goes to the dead-letter queue at once instead.
 */
public abstract class EffectConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EffectConsumer.class.getName());

    @Inject
    Inbox inbox;

    @EJB
    EffectLedger ledger;

    @EJB
    DeadLetters deadLetters;

    @Resource
    MessageDrivenContext context;

    protected abstract Effect effect();

    /** Applies the effect of one event; throws when it could not, so that the message is redelivered. */
    protected abstract void apply(OrderEvent event) throws Exception;

    @Override
    public void onMessage(Message message) {
        int attempt = deliveryCount(message);
        OrderEvent event;
        try {
            event = EventCodec.decode(textOf(message));
        } catch (UnreadableEvent unreadable) {
            deadLetter(message, unreadable, attempt);
            return;
        }
        if (deadLetters.holds(effect(), event.eventId())) {
            return;
        }
        try {
            if (inbox.claim(effect().key(), event)) {
                apply(event);
                ledger.done(event, effect(), attempt);
            }
        } catch (Exception failure) {
            context.setRollbackOnly();
            Failure why = Failure.of(effect(), failure);
            boolean permanent = FailureClassification.isPermanent(effect(), failure);
            ledger.failed(event, effect(), attempt, why, permanent);
            if (permanent) {
                forward(message, event, why, attempt);
            }
            LOG.warning(() -> effect().key() + (permanent ? " failed for good" : " failed") + " for " + event.type() + " "
                    + event.eventId() + " of order " + event.orderId() + " (attempt " + attempt + "): " + why.summary());
        }
    }

    private void deadLetter(Message message, UnreadableEvent unreadable, int attempt) {
        LOG.warning(() -> effect().key() + " cannot read a message, moving it to the dead-letter queue: " + unreadable.getMessage());
        deadLetters.forwardUnreadable(effect(), message, Failure.of(effect(), unreadable), attempt);
    }

    private void forward(Message message, OrderEvent event, Failure why, int attempt) {
        try {
            deadLetters.forward(effect(), message, event, why, attempt);
        } catch (RuntimeException e) {
            // the rollback stands: the broker redelivers, and the next attempt tries the move again
            LOG.log(Level.WARNING, "Could not move event " + event.eventId() + " to the dead-letter queue of " + effect().key(), e);
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
