package io.orderflow.effects;

import io.orderflow.messaging.JndiNames;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The side effects of an order, each consumed from its own queue on the {@code order.effects.*}
 * addresses.
 */
public enum Effect {
    INVENTORY,
    EMAIL,
    SEARCH,
    WAREHOUSE,
    ANALYTICS,
    RECOMMENDATIONS;

    /** The name in the API and in the queue names. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Effect> ofKey(String key) {
        return Arrays.stream(values()).filter(effect -> effect.key().equals(key)).findFirst();
    }

    public String queue() {
        return "order.effects." + key();
    }

    /** Where artemis-config binds the queue in JNDI. */
    public String jndiName() {
        return JndiNames.EFFECTS + key();
    }

    /** The effect whose queue this is, if it is one. */
    public static Optional<Effect> ofQueue(String queue) {
        return Arrays.stream(values()).filter(effect -> effect.queue().equals(queue)).findFirst();
    }
}
