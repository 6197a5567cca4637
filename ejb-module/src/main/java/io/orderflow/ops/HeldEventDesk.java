package io.orderflow.ops;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.sequencing.HeldEvents;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The desk's side of held events: staff list them; an operator releases one (it goes ahead, its
 * predecessor given up: its message left the queue and will not come) or discards it (the event
 * after it goes ahead), with the reason, in the dead-letter desk's audit log. Each action is a
 * transaction of its own: the ledger's rows, the event sent on and the audit line commit together.
 */
@Stateless
@RolesAllowed({Roles.STAFF, Roles.OPS})
public class HeldEventDesk {

    @EJB HeldEvents held;

    @PersistenceContext EntityManager em;

    @Resource SessionContext caller;

    private final Clock clock = Clock.systemUTC();

    public List<HeldEvents.Held> list(int limit) {
        return held.list(limit);
    }

    /**
     * @return false when the event is not held (any more)
     */
    @RolesAllowed(Roles.OPS)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean release(Effect effect, OrderId orderId, int sequence, String reason) {
        return audited(
                held.release(effect, orderId, sequence),
                DeadLetterAction.Kind.RELEASE_HELD,
                effect,
                orderId,
                reason);
    }

    /**
     * @return false when the event is not held (any more)
     */
    @RolesAllowed(Roles.OPS)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean discard(Effect effect, OrderId orderId, int sequence, String reason) {
        return audited(
                held.discard(effect, orderId, sequence),
                DeadLetterAction.Kind.DISCARD_HELD,
                effect,
                orderId,
                reason);
    }

    /** Writes the audit line of an event let go; false when none was. */
    private boolean audited(
            Optional<String> eventId,
            DeadLetterAction.Kind kind,
            Effect effect,
            OrderId orderId,
            String reason) {
        eventId.ifPresent(
                id ->
                        em.persist(
                                new DeadLetterAction(
                                        kind,
                                        caller.getCallerPrincipal().getName(),
                                        clock.instant(),
                                        effect.key(),
                                        id,
                                        orderId,
                                        reason)));
        return eventId.isPresent();
    }
}
