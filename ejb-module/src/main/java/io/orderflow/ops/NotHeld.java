package io.orderflow.ops;

import io.orderflow.Rejection;

/** The event named is not held: it never was, or it went ahead or was given up meanwhile. */
public class NotHeld extends Rejection {

    public NotHeld(String effect, String orderId, int sequence) {
        super(
                Kind.NOT_FOUND,
                "No event " + sequence + " of order " + orderId + " is held for " + effect + ".");
    }
}
