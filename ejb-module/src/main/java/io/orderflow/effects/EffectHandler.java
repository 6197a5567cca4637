package io.orderflow.effects;

import io.orderflow.events.OrderEvent;

/**
 * What one effect does with an event, callable outside its message-driven bean: the bean delivers
 * the broker's messages to it, the kill switch's probe one event it browsed ({@link KillSwitch}).
 */
public interface EffectHandler {

    Effect effect();

    /** Applies the effect of the event; throws when it could not. */
    void apply(OrderEvent event) throws Exception;

    /**
     * Whether no retry can fix this failure of the effect's own; none, unless it says otherwise.
     */
    default boolean failsForGood(Throwable failure) {
        return false;
    }
}
