package io.orderflow.checkout;

import io.orderflow.Rejection;

public class IdempotencyKeyReused extends Rejection {

    public IdempotencyKeyReused() {
        super(
                Kind.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different order; send a new key for a new order.");
    }
}
