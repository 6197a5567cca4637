package io.orderflow.payment;

/**
 * A hold on the customer's money, taken before the order is recorded and voided if recording fails.
 */
public record PaymentAuthorization(String id) {}
