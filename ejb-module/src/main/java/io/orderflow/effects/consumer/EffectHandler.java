package io.orderflow.effects.consumer;

import io.orderflow.Causes;
import io.orderflow.effects.Effect;
import io.orderflow.effects.killswitch.KillSwitch;
import io.orderflow.effects.sequencing.EventContradictsRecord;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;

/**
 * What one effect does with an event, callable outside its message-driven bean: the bean delivers
 * the broker's messages to it, the kill switch's probe one event it browsed ({@link KillSwitch}).
 */
public interface EffectHandler {

    Effect effect();

    /** Applies the effect of the event; throws when it could not. */
    void apply(OrderEvent event) throws Exception;

    /**
     * Whether no retry can fix this failure: for every effect, an event it cannot read (malformed,
     * an unknown schema version) or one the database records differently; beyond that, what the
     * effect says of its own failures. Everything else (timeouts, refused connections, 5xx,
     * deadlocks, a lost database connection) is transient. The consumer and the kill switch's probe
     * both ask this.
     */
    default boolean isPermanent(Throwable failure) {
        return Causes.find(failure, UnreadableEvent.class).isPresent()
                || Causes.find(failure, EventContradictsRecord.class).isPresent()
                || failsForGood(failure);
    }

    /**
     * Whether no retry can fix this failure of the effect's own; none, unless it says otherwise.
     */
    default boolean failsForGood(Throwable failure) {
        return false;
    }
}
