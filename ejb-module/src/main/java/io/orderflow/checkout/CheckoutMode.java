package io.orderflow.checkout;

/**
 * How a checkout's effects run: from the queues after the answer, or (the baseline without a queue)
 * before it.
 */
public enum CheckoutMode {
    ASYNC,
    SYNC
}
