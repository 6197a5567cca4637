package io.orderflow.events;

/** The events of an order's life, named as they travel on the wire. */
public enum EventType {
    OrderPlaced,
    OrderCancelled
}
