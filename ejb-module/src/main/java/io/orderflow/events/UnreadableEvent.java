package io.orderflow.events;

/**
 * A message on an order queue that is not an OrderEvent this version of OrderFlow can read. No
 * retry will fix it.
 */
public class UnreadableEvent extends RuntimeException {

    public UnreadableEvent(String reason) {
        super(reason);
    }

    public UnreadableEvent(String reason, Throwable cause) {
        super(reason, cause);
    }
}
