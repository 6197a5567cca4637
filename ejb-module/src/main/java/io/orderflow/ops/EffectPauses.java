package io.orderflow.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.Pauses;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The operators' pauses, recorded with who made them ({@link Pauses}, where the kill switches' are
 * recorded too), so that every node and a restarted one tell the same story and keep the effect
 * paused.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
public class EffectPauses {

    @EJB Pauses pauses;

    @Resource SessionContext caller;

    @RolesAllowed(Roles.OPS)
    public void paused(Effect effect) {
        pauses.byOperator(effect, caller.getCallerPrincipal().getName());
    }

    @RolesAllowed(Roles.OPS)
    public void resumed(Effect effect) {
        pauses.lifted(effect);
    }

    /** By effect key, the pauses that hold: an operator's or a kill switch's. */
    public Map<String, Pauses.Pause> current() {
        return pauses.current().stream()
                .collect(Collectors.toMap(pause -> pause.effect().key(), pause -> pause));
    }
}
