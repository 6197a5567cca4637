package io.orderflow.events;

/**
 * What becomes of a recorded order's events, called in the transaction that records them: the port
 * between the order book and the effects. {@link EventPublisher} hands them to the queues; the
 * synchronous baseline, kept only to be measured against, applies the six effects on the spot.
 */
public interface PublishingPort {

    void publish(OrderEvent event);
}
