package io.orderflow.payment;

import io.orderflow.Rejection;

public class PaymentUnavailable extends Rejection {

    public PaymentUnavailable(Throwable cause) {
        super(
                Kind.PAYMENT_UNAVAILABLE,
                "The payment service cannot be reached just now; nothing was ordered or charged. Please retry.",
                cause);
    }
}
