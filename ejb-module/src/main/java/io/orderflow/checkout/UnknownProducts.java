package io.orderflow.checkout;

import io.orderflow.Rejection;
import java.util.List;
import java.util.Map;

public class UnknownProducts extends Rejection {

    private final List<String> skus;

    public UnknownProducts(List<String> skus) {
        super(
                Kind.UNKNOWN_PRODUCT,
                "The catalogue has no product with SKU " + String.join(", ", skus) + ".");
        this.skus = List.copyOf(skus);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("skus", skus);
    }
}
