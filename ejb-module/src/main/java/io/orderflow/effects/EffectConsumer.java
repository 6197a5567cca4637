package io.orderflow.effects;

import io.orderflow.events.EventCodec;
import io.orderflow.events.OrderEvent;
import io.orderflow.inbox.Inbox;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * What every effect's message-driven bean does with an event, in the container's transaction: claim the event in the
 * inbox (a second delivery of a handled event is acknowledged and does nothing), apply the effect, mark it done. The
 * three commit together with the acknowledgement. A failure is recorded, then the transaction is rolled back, so the
 * broker redelivers with the effect's backoff and dead-letters the message at its limit; it is never swallowed.
 */
public abstract class EffectConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EffectConsumer.class.getName());

    @Inject
    Inbox inbox;

    @EJB
    EffectLedger ledger;

    @Resource
    MessageDrivenContext context;

    protected abstract Effect effect();

    /** Applies the effect of one event; throws when it could not, so that the message is redelivered. */
    protected abstract void apply(OrderEvent event) throws Exception;

    @Override
    public void onMessage(Message message) {
        OrderEvent event = EventCodec.decode(textOf(message));
        int attempt = deliveryCount(message);
        try {
            if (inbox.claim(effect().key(), event.eventId())) {
                apply(event);
                ledger.done(event, effect(), attempt);
            }
        } catch (Exception failure) {
            context.setRollbackOnly();
            ledger.failed(event, effect(), attempt, failure);
            LOG.warning(() -> effect().key() + " failed for " + event.type() + " " + event.eventId() + " of order "
                    + event.orderId() + " (attempt " + attempt + "): " + failure);
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
