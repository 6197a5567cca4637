package io.orderflow.ops;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dead letter's body and properties, as the desk shows them before anyone retries or discards it.
 *
 * @param body the text of the event; a body that is not text is named, not shown
 * @param properties every property the message carries: the broker's (its origin, its delivery
 *     count) and OrderFlow's (the event's id, order and type; the retries so far)
 */
public record DeadLetterMessage(
        String messageId, Instant sentAt, String body, Map<String, String> properties) {

    /**
     * Bodies beyond this are cut: an event is a few hundred bytes, a bad message can be anything.
     */
    private static final int SHOWN_BODY = 64 * 1024;

    static DeadLetterMessage of(Message message) {
        try {
            Map<String, String> properties = new TreeMap<>();
            for (Object name : Collections.list(message.getPropertyNames())) {
                properties.put(
                        (String) name, String.valueOf(message.getObjectProperty((String) name)));
            }
            return new DeadLetterMessage(
                    message.getJMSMessageID(),
                    Instant.ofEpochMilli(message.getJMSTimestamp()),
                    bodyOf(message),
                    properties);
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a dead letter", e);
        }
    }

    private static String bodyOf(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            return "(" + message.getClass().getSimpleName() + ", not text)";
        }
        String body = text.getText();
        return body == null || body.length() <= SHOWN_BODY
                ? body
                : body.substring(0, SHOWN_BODY) + "… (cut at " + SHOWN_BODY + " characters)";
    }
}
