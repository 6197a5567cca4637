package io.orderflow.checkout;

import io.orderflow.Rejection;
import java.util.UUID;

public class OrderAlreadyCancelled extends Rejection {

    public OrderAlreadyCancelled(UUID id) {
        super(Kind.CONFLICT, "Order " + id + " is already cancelled.");
    }
}
