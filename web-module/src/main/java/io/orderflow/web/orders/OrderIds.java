package io.orderflow.web.orders;

import io.orderflow.checkout.OrderNotFound;
import java.util.UUID;

/** An order's id as a path gives it: anything that is not one names no order, the same answer as an unknown id. */
public final class OrderIds {

    private OrderIds() {
    }

    public static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new OrderNotFound(id);
        }
    }
}
