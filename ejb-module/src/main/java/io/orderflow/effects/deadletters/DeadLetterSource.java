package io.orderflow.effects.deadletters;

import io.orderflow.effects.Effect;
import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.JndiNames;
import io.orderflow.messaging.Queues;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dead-letter queue and the queue its messages came from, bound in JNDI by artemis-config: one
 * per effect, one for the telemetry writer, one for the payment voids.
 *
 * @param name what the desk calls it: the effect's key, {@code telemetry} or {@code payment-voids}
 */
public record DeadLetterSource(
        String name, String originQueue, String originJndi, String deadLetterJndi) {

    public static DeadLetterSource of(Effect effect) {
        return new DeadLetterSource(
                effect.key(),
                effect.queue(),
                effect.jndiName(),
                JndiNames.DEAD_LETTERS + effect.key());
    }

    public static List<DeadLetterSource> all() {
        List<DeadLetterSource> sources = new ArrayList<>();
        for (Effect effect : Effect.values()) {
            sources.add(of(effect));
        }
        sources.add(
                new DeadLetterSource(
                        "telemetry",
                        Queues.TELEMETRY_READINGS,
                        JndiNames.TELEMETRY_READINGS,
                        JndiNames.DEAD_LETTERS + "telemetry"));
        sources.add(
                new DeadLetterSource(
                        "payment-voids",
                        Queues.PAYMENT_VOIDS,
                        JndiNames.PAYMENT_VOIDS,
                        JndiNames.DEAD_LETTERS + "payment-voids"));
        return sources;
    }

    public static Optional<DeadLetterSource> named(String name) {
        return all().stream().filter(source -> source.name().equals(name)).findFirst();
    }

    public static Optional<DeadLetterSource> ofOriginQueue(String originQueue) {
        return all().stream()
                .filter(source -> source.originQueue().equals(originQueue))
                .findFirst();
    }

    /** The dead-letter queue's name on the broker, as artemis-config names it. */
    public String deadLetterQueue() {
        return "DLQ." + originQueue;
    }

    public Queue origin() {
        return Destinations.queue(originJndi);
    }

    public Queue deadLetters() {
        return Destinations.queue(deadLetterJndi);
    }
}
