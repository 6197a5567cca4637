package io.orderflow.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.killswitch.KillSwitch;
import io.orderflow.effects.killswitch.Pauses;
import io.orderflow.messaging.BrokerQueues;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operators' pauses and resumes: the record ({@link Pauses}, where the kill switches' are
 * recorded too, so that every node and a restarted one tell the same story), the broker's queue,
 * and the effect's kill switch on this node, which lets go of a queue an operator takes.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EffectPauses {

    @EJB Pauses pauses;

    @EJB KillSwitch killSwitch;

    @Inject BrokerQueues queues;

    @Resource SessionContext caller;

    /**
     * Recorded first, then the broker asked: a broker that does not answer leaves a pause that the
     * next node to start asks again.
     */
    @RolesAllowed(Roles.OPS)
    public void pause(Effect effect) {
        killSwitch.override(effect);
        pauses.byOperator(effect, caller.getCallerPrincipal().getName());
        queues.pause(effect.queue());
    }

    /**
     * The record lifted first, then the broker asked, as the kill switch lifts its own: a node that
     * starts meanwhile and pauses the queue again from the record it read looks at the record once
     * more and resumes ({@code KillSwitch}); a broker that refuses gets the record put back, so
     * that it still says what the broker does.
     */
    @RolesAllowed(Roles.OPS)
    public void resume(Effect effect) {
        killSwitch.override(effect);
        Optional<Pauses.Pause> lifted = pauses.lifted(effect);
        try {
            queues.resume(effect.queue());
        } catch (RuntimeException refused) {
            lifted.ifPresent(pauses::putBack);
            throw refused;
        }
    }

    /** By effect key, the pauses that hold: an operator's or a kill switch's. */
    public Map<String, Pauses.Pause> current() {
        return pauses.current().stream()
                .collect(Collectors.toMap(pause -> pause.effect().key(), pause -> pause));
    }
}
