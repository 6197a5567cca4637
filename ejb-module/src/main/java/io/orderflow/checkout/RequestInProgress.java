package io.orderflow.checkout;

import io.orderflow.Rejection;

/**
 * Another request with the same Idempotency-Key is still being processed; its outcome will be this
 * one's.
 */
public class RequestInProgress extends Rejection {

    public RequestInProgress() {
        super(
                Kind.REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is still being processed; retry shortly "
                        + "with the same key to get its outcome.");
    }

    @Override
    public int retryAfterSeconds() {
        return 1;
    }
}
