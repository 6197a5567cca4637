package io.orderflow.payment;

/** The payment service did not confirm a void: the void is tried again later. */
public class VoidRefused extends RuntimeException {

    public VoidRefused(String authorizationId, int status) {
        super("payment service answered " + status + " to the void of " + authorizationId);
    }
}
