package io.orderflow.effects;

import io.orderflow.events.OrderEvent;
import io.orderflow.events.OrderFacts;
import io.orderflow.inbox.Inbox;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The steps every effect takes with an event, in the caller's transaction: the consumer's for a
 * delivery, the kill switch's probe for an event it browsed. The effect is handed the event with
 * its order's facts from the database, never the message's. See {@link EffectConsumer}.
 */
@ApplicationScoped
public class EffectSteps {

    @Inject Inbox inbox;

    @EJB EffectLedger ledger;

    @Inject OrderFacts facts;

    /**
     * @return whether the event was applied now (not held, not settled before)
     */
    public boolean take(EffectHandler handler, OrderEvent event, String text, int attempt)
            throws Exception {
        Effect effect = handler.effect();
        boolean predecessorSettled = ledger.predecessorSettled(event, effect);
        EffectLedger.Turn turn =
                ledger.lock(event, effect).orElseThrow(() -> ledger.unrecorded(event, effect));
        OrderEffect row = turn.row();
        if (!row.isFor(event)) {
            throw new EventContradictsRecord(event, row);
        }
        if (row.state().settled()) {
            return false;
        }
        OrderEvent recorded = asRecorded(event);
        if (!predecessorSettled) {
            ledger.hold(row, text);
            return false;
        }
        if (inbox.claim(effect.key(), event)) {
            handler.apply(recorded);
        }
        ledger.done(row, attempt);
        ledger.sendOn(turn);
        return true;
    }

    /**
     * The event with its order's facts as the database recorded them; one that states them
     * otherwise was altered or forged, and no retry makes it true.
     */
    private OrderEvent asRecorded(OrderEvent event) {
        OrderEvent recorded =
                facts.recorded(event)
                        .orElseThrow(
                                () ->
                                        new EventContradictsRecord(
                                                event, "the database has no such order"));
        List<String> differing = event.factsDifferingFrom(recorded);
        if (!differing.isEmpty()) {
            throw new EventContradictsRecord(
                    event,
                    "its "
                            + String.join(", ", differing)
                            + " differ from what the database recorded for the order");
        }
        return recorded;
    }
}
