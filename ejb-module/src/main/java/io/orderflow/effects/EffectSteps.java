package io.orderflow.effects;

import io.orderflow.events.OrderEvent;
import io.orderflow.inbox.Inbox;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The steps every effect takes with an event, in the caller's transaction: the consumer's for a
 * delivery, the kill switch's probe for an event it browsed. See {@link EffectConsumer}.
 */
@ApplicationScoped
public class EffectSteps {

    @Inject Inbox inbox;

    @EJB EffectLedger ledger;

    /**
     * @return whether the event was applied now (not held, not settled before)
     */
    public boolean take(EffectHandler handler, OrderEvent event, String text, int attempt)
            throws Exception {
        Effect effect = handler.effect();
        OrderEffect row =
                ledger.lock(event, effect).orElseThrow(() -> ledger.unrecorded(event, effect));
        if (!row.isFor(event)) {
            throw new EventContradictsRecord(event, row);
        }
        if (row.state().settled()) {
            return false;
        }
        if (!ledger.predecessorSettled(event, effect)) {
            ledger.hold(row, text);
            return false;
        }
        if (inbox.claim(effect.key(), event)) {
            handler.apply(event);
        }
        ledger.done(row, attempt);
        ledger.sendOnSuccessor(event.order(), effect, event.sequence());
        return true;
    }
}
