package io.orderflow.events;

import io.orderflow.Digest;
import io.orderflow.messaging.Headers;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * Publishes order events to the {@code order.events} address. MANDATORY: a publish only ever
 * happens inside the caller's transaction, through the XA connection factory, so it commits or
 * rolls back with the caller's rows.
 */
@Stateless
@LocalBean
@Local(PublishingPort.class)
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventPublisher implements PublishingPort {

    /**
     * Properties for whoever browses a queue or selects from it (a console, the Artemis CLI); the
     * consumers read the body, which carries both.
     */
    private static final String EVENT_TYPE = "eventType";

    private static final String SCHEMA_VERSION = "schemaVersion";

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JndiNames.ORDER_EVENTS)
    Topic orderEvents;

    @Override
    public void publish(OrderEvent event) {
        TextMessage message = messageOf(event);
        try {
            message.setStringProperty(Headers.DUPLICATE_ID, event.eventId());
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not set the duplicate id of event " + event.eventId(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(orderEvents, message);
    }

    /**
     * Sends an event that was already published once more, to one consumer's queue only: an event
     * that had to wait for its predecessor, now that the predecessor is applied. Without the
     * duplicate id, which the broker has seen.
     */
    public void resend(Queue queue, OrderEvent event) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, messageOf(event));
    }

    private TextMessage messageOf(OrderEvent event) {
        TextMessage message = jms.createTextMessage(EventCodec.encode(event));
        try {
            message.setStringProperty(Headers.GROUP_ID, groupOf(event.orderId()));
            message.setStringProperty(EVENT_TYPE, event.type().name());
            message.setIntProperty(SCHEMA_VERSION, event.schemaVersion());
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not set the properties of event " + event.eventId(), e);
        }
        return message;
    }

    /**
     * One group per order, named by a hash of its id: the broker logs a message's properties when
     * it dead-letters it, and the id itself is the customer's key to the order.
     */
    public static String groupOf(String orderId) {
        return "order-" + Digest.of(orderId, 8);
    }
}
