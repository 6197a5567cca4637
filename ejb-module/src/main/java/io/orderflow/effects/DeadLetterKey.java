package io.orderflow.effects;

import io.orderflow.events.EventPublisher;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** The id a dead letter is recorded under, whichever way it reached its dead-letter queue. */
public final class DeadLetterKey {

    /** Carried by every copy OrderFlow makes of a message (to the dead-letter queue, and back from it). */
    static final String PROPERTY = "orderflowEventId";

    private DeadLetterKey() {
    }

    /**
     * The id its copies carry, else its duplicate id (the event id, as published), else, for a message that did not
     * come from OrderFlow, its JMS id.
     */
    public static String of(Message message) {
        try {
            String key = message.getStringProperty(PROPERTY);
            if (key != null) {
                return key;
            }
            String duplicateId = message.getStringProperty(EventPublisher.DUPLICATE_ID);
            return duplicateId != null ? duplicateId : message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read the message's ids", e);
        }
    }
}
