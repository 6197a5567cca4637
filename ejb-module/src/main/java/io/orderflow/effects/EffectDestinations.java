package io.orderflow.effects;

import io.orderflow.messaging.Destinations;
import io.orderflow.messaging.JndiNames;
import jakarta.jms.Queue;

/** Each effect's queue and dead-letter queue, as artemis-config binds them in JNDI (plain Artemis names). */
public final class EffectDestinations {

    private EffectDestinations() {
    }

    public static Queue queue(Effect effect) {
        return Destinations.queue(jndiName(effect));
    }

    public static Queue deadLetterQueue(Effect effect) {
        return Destinations.queue(deadLetterJndiName(effect));
    }

    public static String jndiName(Effect effect) {
        return JndiNames.EFFECTS + effect.key();
    }

    public static String deadLetterJndiName(Effect effect) {
        return JndiNames.DEAD_LETTERS + effect.key();
    }
}
