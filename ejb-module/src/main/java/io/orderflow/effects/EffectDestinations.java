package io.orderflow.effects;

import jakarta.jms.Queue;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Each effect's queue and dead-letter queue, as artemis-config binds them in JNDI (plain Artemis names). */
public final class EffectDestinations {

    private EffectDestinations() {
    }

    public static Queue queue(Effect effect) {
        return lookup("java:/jms/orderflow/effects/" + effect.key());
    }

    public static Queue deadLetterQueue(Effect effect) {
        return lookup("java:/jms/orderflow/dead-letters/" + effect.key());
    }

    private static Queue lookup(String name) {
        try {
            return (Queue) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("The server configuration binds no queue at " + name
                    + " (artemis-config/configure-messaging.cli)", e);
        }
    }
}
