package io.orderflow.payment;

import io.orderflow.Rejection;

public class PaymentDeclined extends Rejection {

    public PaymentDeclined() {
        super(Kind.PAYMENT_DECLINED, "The payment was declined; nothing was ordered or charged.");
    }
}
