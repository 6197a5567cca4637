package io.orderflow.checkout;

public enum OrderStatus {
    PLACED,
    CANCELLED
}
