package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.events.OrderEvent;

/**
 * The event says something about its order that the database does not: a place in the order's life
 * the database gives to another event, or an order or an event the database has never recorded. No
 * retry makes it true; nothing of it is applied.
 */
public class EventContradictsRecord extends RuntimeException {

    public static EventContradictsRecord placeTakenBy(OrderEvent event, Turns.Row recorded) {
        return new EventContradictsRecord(
                event,
                "the database gives that place to "
                        + recorded.eventType()
                        + " "
                        + recorded.eventId());
    }

    public EventContradictsRecord(OrderEvent event, String why) {
        super(
                event.type()
                        + " "
                        + event.eventId()
                        + " claims place "
                        + event.sequence()
                        + " of order "
                        + OrderId.redacted(event.orderId())
                        + "; "
                        + why);
    }
}
