package io.orderflow.effects;

import io.orderflow.events.OrderEvent;

/** The event claims a place in its order's life that the database gives to another event: no retry makes it true. */
public class EventContradictsRecord extends RuntimeException {

    public EventContradictsRecord(OrderEvent event, OrderEffect recorded) {
        super(event.type() + " " + event.eventId() + " claims place " + event.sequence() + " of order " + event.orderId()
                + ", which the database gives to " + recorded.eventType() + " " + recorded.eventId());
    }
}
