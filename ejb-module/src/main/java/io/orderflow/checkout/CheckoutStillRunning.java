package io.orderflow.checkout;

import io.orderflow.Rejection;

/**
 * The checkout did not finish by the time its customer must have an answer: something it waits on
 * (the broker failing over, a database stalled) holds it. It goes on, and may still place the
 * order: a retry under the same Idempotency-Key gets that order, or takes the checkout up again if
 * it did not.
 */
public class CheckoutStillRunning extends Rejection {

    public CheckoutStillRunning(int answerWithinSeconds) {
        super(
                Kind.SERVICE_UNAVAILABLE,
                "The checkout did not finish within "
                        + answerWithinSeconds
                        + " s: a service it needs is slow or failing over, and the order may still be"
                        + " placed. Retry with the same Idempotency-Key: you get that order if it was,"
                        + " and nothing is charged twice.");
    }
}
