package io.orderflow.checkout;

/**
 * The outcome of a checkout: the order, and whether it was recorded now or by an earlier request
 * with the same key.
 */
public record PlacedOrder(Order order, boolean replayed) {}
