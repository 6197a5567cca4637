package io.orderflow.checkout;

import io.orderflow.Rejection;

public class OrderNotFound extends Rejection {

    public OrderNotFound(String id) {
        super(Kind.NOT_FOUND, "There is no order " + id + ".");
    }
}
