package io.orderflow.effects.consumer;

import io.orderflow.effects.Effect;
import io.orderflow.effects.sequencing.EffectLedger;
import io.orderflow.effects.sequencing.EffectState;
import io.orderflow.effects.sequencing.EventContradictsRecord;
import io.orderflow.effects.sequencing.Turns;
import io.orderflow.events.EventCodec;
import io.orderflow.events.EventPublisher;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.OrderFacts;
import io.orderflow.inbox.Inbox;
import io.orderflow.messaging.Destinations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps every effect takes with a batch of events, in the caller's transaction: the consumer's
 * for its deliveries, the kill switch's probe for an event it browsed. The ledger's rows of the
 * whole batch are locked in one statement ({@link Turns}), the orders' facts read in one, the inbox
 * claimed in one; then each event is decided and applied in the batch's order, as {@link
 * EffectConsumer} describes. The effect is handed the event with its order's facts from the
 * database, never the message's.
 */
@ApplicationScoped
public class EffectSteps {

    /**
     * One event of a batch, as delivered; whether it was applied now is known after {@link #take}.
     */
    public static final class Taken {

        private final OrderEvent event;
        private final String text;
        private final int attempt;
        private OrderEvent recorded;
        private boolean applied;

        public Taken(OrderEvent event, String text, int attempt) {
            this.event = event;
            this.text = text;
            this.attempt = attempt;
        }

        /** Applied now: not held, not settled before. */
        public boolean applied() {
            return applied;
        }
    }

    /** The event of a batch that failed, by its place in the batch, and why. */
    public static final class Failed extends Exception {

        private final int index;

        Failed(int index, Exception cause) {
            super(cause);
            this.index = index;
        }

        public int index() {
            return index;
        }

        /** The failure itself, as the event's handler or the ledger raised it. */
        public Exception failure() {
            return (Exception) getCause();
        }
    }

    @Inject Inbox inbox;

    @Inject Turns turns;

    @Inject OrderFacts facts;

    @EJB EffectLedger ledger;

    @EJB EventPublisher events;

    @PersistenceContext EntityManager em;

    /** One event alone (the kill switch's probe): whether it was applied now. */
    public boolean take(EffectHandler handler, OrderEvent event, String text, int attempt)
            throws Exception {
        Taken taken = new Taken(event, text, attempt);
        try {
            take(handler, List.of(taken));
        } catch (Failed failed) {
            throw failed.failure();
        }
        return taken.applied;
    }

    /**
     * Takes a batch: an event already applied (or discarded) is passed over; one whose predecessor
     * is not applied yet is held, and sent again once it is; every other one is claimed in the
     * inbox, applied (unless the inbox had it), marked done, and its held successor sent on.
     */
    public void take(EffectHandler handler, List<Taken> batch) throws Failed {
        Effect effect = handler.effect();
        List<OrderEvent> delivered = batch.stream().map(taken -> taken.event).toList();
        Map<Turns.Place, Turns.Row> rows = turns.lock(effect, delivered);
        Map<String, OrderEvent> recorded = facts.recorded(delivered);
        // where each row stands as this batch goes: what the database said, then what the batch did
        Map<Turns.Place, EffectState> states = new HashMap<>();
        rows.forEach((place, row) -> states.put(place, row.state()));
        Map<Turns.Place, String> heldNow = new HashMap<>();
        List<Integer> toApply = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Taken taken = batch.get(i);
            OrderEvent event = taken.event;
            try {
                Turns.Place place = Turns.Place.of(event, event.sequence());
                Turns.Row row = rows.get(place);
                if (row == null) {
                    throw ledger.unrecorded(event, effect);
                }
                if (!row.isFor(event)) {
                    throw EventContradictsRecord.placeTakenBy(event, row);
                }
                if (states.get(place).settled()) {
                    continue;
                }
                taken.recorded = asRecorded(event, recorded.get(event.eventId()));
                EffectState predecessor =
                        event.predecessor() == 0
                                ? EffectState.DONE
                                : states.get(Turns.Place.of(event, event.predecessor()));
                if (predecessor == null || !predecessor.settled()) {
                    turns.hold(effect, row, taken.text);
                    states.put(place, EffectState.WAITING);
                    heldNow.put(place, taken.text);
                    continue;
                }
                states.put(place, EffectState.DONE);
                toApply.add(i);
            } catch (Exception failure) {
                throw new Failed(i, failure);
            }
        }
        Set<String> claimed =
                inbox.claim(effect.key(), toApply.stream().map(i -> batch.get(i).event).toList());
        List<Turns.Done> done = new ArrayList<>();
        for (int i : toApply) {
            Taken taken = batch.get(i);
            OrderEvent event = taken.event;
            try {
                if (claimed.contains(event.eventId())) {
                    handler.apply(taken.recorded);
                    // what the effect wrote fails here, if it does, and is this event's failure
                    em.flush();
                }
                done.add(new Turns.Done(Turns.Place.of(event, event.sequence()), taken.attempt));
                taken.applied = true;
                Turns.Place next = Turns.Place.of(event, event.sequence() + 1);
                Turns.Row successor = rows.get(next);
                if (successor != null && states.get(next) == EffectState.WAITING) {
                    String held = heldNow.getOrDefault(next, successor.heldEvent());
                    turns.release(effect, successor);
                    states.put(next, EffectState.PENDING);
                    events.resend(Destinations.queue(effect.jndiName()), EventCodec.decode(held));
                }
            } catch (Exception failure) {
                throw new Failed(i, failure);
            }
        }
        turns.done(effect, done);
    }

    /**
     * The event with its order's facts as the database recorded them; one that states them
     * otherwise was altered or forged, and no retry makes it true.
     */
    private static OrderEvent asRecorded(OrderEvent event, OrderEvent recorded) {
        if (recorded == null) {
            throw new EventContradictsRecord(event, "the database has no such order");
        }
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
