package io.orderflow.effects;

import java.util.Locale;

/** The side effects of an order, each consumed from its own queue on the {@code order.effects.*} addresses. */
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

    public String queue() {
        return "order.effects." + key();
    }
}
