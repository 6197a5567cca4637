package io.orderflow.effects.deadletters;

import io.orderflow.messaging.BrokerQueues;
import io.orderflow.messaging.Headers;
import io.orderflow.messaging.JndiNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that talks to the dead-letter queues: browses them, sends copies in (a condemned
 * delivery) or back to where they came from (a retry), and removes a settled one. Every send joins
 * the caller's transaction, through the XA connection factory, so a copy leaves together with its
 * record or not at all; the original is removed after that commit (by the desk at once, by the
 * watch should the desk not get to it).
 */
@ApplicationScoped
public class DeadLetterQueues {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueues.class.getName());

    /**
     * Artemis' own origin properties, set as the broker sets them when it dead-letters a message.
     */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    /**
     * Carried by a message sent back from the desk: how often its event has been sent back so far.
     */
    public static final String RETRIES = "orderflowRetries";

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject BrokerQueues broker;

    /** The messages in the dead-letter queue now, browsed: they stay where they are. */
    public List<Message> waiting(DeadLetterSource source) {
        try (QueueBrowser browser = jms.createBrowser(source.deadLetters())) {
            return Collections.list(browser.getEnumeration()).stream()
                    .map(Message.class::cast)
                    .toList();
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not browse the dead letters of " + source.name(), e);
        }
    }

    /** The message as it waits in the dead-letter queue, browsed; empty when it is not there. */
    public Optional<Message> peek(DeadLetterSource source, String messageId) {
        try (QueueBrowser browser =
                jms.createBrowser(source.deadLetters(), selectorOf(messageId))) {
            Enumeration<?> found = browser.getEnumeration();
            return found.hasMoreElements()
                    ? Optional.of((Message) found.nextElement())
                    : Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not browse the dead letters of " + source.name(), e);
        }
    }

    /**
     * Removes a settled original from its dead-letter queue, after the transaction that settled it
     * has committed. Through the broker's management, since a consumer's selector does not reach a
     * message paged to disk behind the others, and a dead-letter queue pages past its cap. A
     * removal that fails is logged and left to the watch's next sweep: the settlement stands.
     */
    public void removeSettled(DeadLetterSource source, String messageId) {
        try {
            // the core filter's name for the JMS message id
            broker.removeMessages(
                    source.deadLetterQueue(), "AMQUserID = '" + messageId.replace("'", "''") + "'");
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Dead letter "
                            + messageId
                            + " of "
                            + source.name()
                            + " is settled but still in its queue; the watch removes it",
                    e);
        }
    }

    private static String selectorOf(String messageId) {
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    /**
     * Puts a copy of a delivery into its dead-letter queue, marked with its origin; returns the
     * copy's message id.
     */
    public String deadLetter(DeadLetterSource source, Message message) {
        return copy(message, source.deadLetters(), source.originQueue(), retriesOf(message));
    }

    /**
     * Sends a message taken out of the dead-letter queue back to its origin, counting one more
     * retry.
     */
    public void sendBack(DeadLetterSource source, Message message) {
        copy(message, source.origin(), null, retriesOf(message) + 1);
    }

    /**
     * The copy carries OrderFlow's properties and the order's group, but no duplicate id (the
     * broker would drop it as a repeat): the event id inside still lets the consumer's inbox guard
     * the effect. A JMS failure here must roll back the record that goes with the copy, hence the
     * unchecked rethrow.
     */
    private String copy(Message message, Queue destination, String origin, int retries) {
        try {
            TextMessage copy =
                    jms.createTextMessage(
                            message instanceof TextMessage text ? text.getText() : null);
            Enumeration<?> names = message.getPropertyNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                // the broker's own properties (duplicate id, delivery count, origin) belong to the
                // message they were set on
                if (!name.startsWith("JMSX")
                        && !name.startsWith("_AMQ")
                        && !name.startsWith("__AMQ")) {
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

    public static String idOf(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not read a message's id", e);
        }
    }

    public static int retriesOf(Message message) {
        try {
            return message.propertyExists(RETRIES) ? message.getIntProperty(RETRIES) : 0;
        } catch (JMSException | NumberFormatException e) {
            return 0;
        }
    }
}
