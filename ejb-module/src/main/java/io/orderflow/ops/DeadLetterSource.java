package io.orderflow.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectDestinations;
import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.JndiNames;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A dead-letter queue and the queue its messages came from, bound in JNDI by artemis-config: one per effect, one for
 * the telemetry writer, one for the payment voids.
 *
 * @param name what the desk calls it: the effect's key, {@code telemetry} or {@code payment-voids}
 */
public record DeadLetterSource(String name, String originQueue, String originJndi, String deadLetterJndi) {

    public static List<DeadLetterSource> all() {
        List<DeadLetterSource> sources = new ArrayList<>();
        for (Effect effect : Effect.values()) {
            sources.add(new DeadLetterSource(effect.key(), effect.queue(), EffectDestinations.jndiName(effect),
                    EffectDestinations.deadLetterJndiName(effect)));
        }
        sources.add(new DeadLetterSource("telemetry", "telemetry.readings", JndiNames.TELEMETRY_READINGS,
                JndiNames.DEAD_LETTERS + "telemetry"));
        sources.add(new DeadLetterSource("payment-voids", "payment.voids", JndiNames.PAYMENT_VOIDS,
                JndiNames.DEAD_LETTERS + "payment-voids"));
        return sources;
    }

    public static Optional<DeadLetterSource> named(String name) {
        return all().stream().filter(source -> source.name().equals(name)).findFirst();
    }

    public Queue origin() {
        return Destinations.queue(originJndi);
    }

    public Queue deadLetters() {
        return Destinations.queue(deadLetterJndi);
    }

    /** The messages in the dead-letter queue now, browsed: they stay where they are. */
    List<Message> waiting(JMSContext jms) {
        try (QueueBrowser browser = jms.createBrowser(deadLetters())) {
            return Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not browse the dead letters of " + name, e);
        }
    }
}
