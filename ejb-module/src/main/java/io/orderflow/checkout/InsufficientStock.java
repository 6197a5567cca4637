package io.orderflow.checkout;

import io.orderflow.Rejection;
import java.util.List;
import java.util.Map;

public class InsufficientStock extends Rejection {

    private final List<String> skus;

    public InsufficientStock(List<String> skus) {
        super(Kind.INSUFFICIENT_STOCK, "Not enough stock for " + String.join(", ", skus) + ".");
        this.skus = List.copyOf(skus);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("skus", skus);
    }
}
