package io.orderflow.ops;

import io.orderflow.effects.DeadLetters;
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
import java.util.UUID;

/**
 * One desk action on one dead letter, with its line in the audit log, in a transaction of its own: the message moves
 * and the audit records it, or neither.
 */
@Stateless
@RolesAllowed(Roles.OPS)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeadLetterActions {

    @EJB
    DeadLetters deadLetters;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext caller;

    private final Clock clock = Clock.systemUTC();

    public boolean retry(DeadLetterEntry entry, DeadLetterSource source) {
        if (!deadLetters.retry(source.originQueue(), entry.messageId(), source.deadLetters(), source.origin())) {
            return false;
        }
        audit(DeadLetterAction.Kind.RETRY, entry, null);
        return true;
    }

    public boolean discard(DeadLetterEntry entry, DeadLetterSource source, String reason) {
        if (deadLetters.discard(source.originQueue(), entry.messageId(), source.deadLetters()).isEmpty()) {
            return false;
        }
        audit(DeadLetterAction.Kind.DISCARD, entry, reason);
        return true;
    }

    private void audit(DeadLetterAction.Kind kind, DeadLetterEntry entry, String reason) {
        em.persist(new DeadLetterAction(kind, caller.getCallerPrincipal().getName(), clock.instant(), entry.source(),
                entry.eventId() == null ? entry.messageId() : entry.eventId(),
                entry.orderId() == null ? null : UUID.fromString(entry.orderId()), reason));
    }
}
