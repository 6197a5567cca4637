package io.orderflow.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.DeadLetters;
import io.orderflow.effects.EffectDestinations;
import io.orderflow.events.EventCodec;
import io.orderflow.events.UnreadableEvent;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices the messages the broker moved to an effect's dead-letter queue after their last attempt: records why they
 * are there (the failure the consumer saw) and marks the effect DEAD_LETTERED on the order. It only
 * browses the dead-letter queues, never consumes them: the messages stay there until someone retries or discards
 * them. The broker, not the application, decides when the attempts are used up, so the state shown is the broker's.
 */
@Singleton
public class DeadLetterWatch {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class.getName());

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    JMSContext jms;

    @EJB
    DeadLetters deadLetters;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "dead-letter watch")
    void sweep() {
        for (Effect effect : Effect.values()) {
            try (QueueBrowser browser = jms.createBrowser(EffectDestinations.deadLetterQueue(effect))) {
                for (Object message : Collections.list(browser.getEnumeration())) {
                    markDeadLettered(effect, (Message) message);
                }
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not browse the dead letters of " + effect.key(), e);
            }
        }
    }

    private void markDeadLettered(Effect effect, Message message) throws JMSException {
        String body = message instanceof TextMessage text ? text.getText() : null;
        try {
            deadLetters.arrived(effect, EventCodec.decode(body));
        } catch (UnreadableEvent unreadable) {
            LOG.fine(() -> "Dead letter " + safeId(message) + " of " + effect.key() + " is not an order event: " + unreadable.getMessage());
        }
    }

    private static String safeId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
