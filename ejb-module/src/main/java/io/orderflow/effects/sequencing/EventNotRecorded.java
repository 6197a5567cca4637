package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.events.OrderEvent;

/**
 * The database has no row for this event and effect (yet): the transaction that published the event
 * may not have committed its rows when the event arrived, since the transaction manager promises no
 * order between the two. Worth retrying; an event that is never recorded ends in the dead-letter
 * queue after its attempts.
 */
public class EventNotRecorded extends Exception {

    public EventNotRecorded(OrderEvent event, Effect effect) {
        super(
                event.type()
                        + " "
                        + event.eventId()
                        + " of order "
                        + OrderId.redacted(event.orderId())
                        + " is not recorded for "
                        + effect.key()
                        + " (yet)");
    }
}
