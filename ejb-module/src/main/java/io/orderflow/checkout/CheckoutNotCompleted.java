package io.orderflow.checkout;

import io.orderflow.Rejection;

/**
 * The order could not be recorded after the payment was authorized; the authorization has been
 * voided.
 */
public class CheckoutNotCompleted extends Rejection {

    public CheckoutNotCompleted(Throwable cause) {
        super(
                Kind.CHECKOUT_NOT_COMPLETED,
                "The order could not be recorded and the payment authorization was voided; nothing was charged. Please retry.",
                cause);
    }
}
