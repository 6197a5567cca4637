package io.orderflow;

import java.util.Objects;
import java.util.UUID;

/**
 * An order's id: random and unguessable, the customer's key to the order. Entities keep the UUID
 * their column holds and hand out this; events carry its text.
 */
public record OrderId(UUID value) {

    /** 32 of the id's 122 random bits: no way to guess the rest. */
    private static final int SHOWN = 8;

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The id written as text; {@link IllegalArgumentException} when it is not one. Jakarta REST
     * converts path segments with it.
     */
    public static OrderId fromString(String text) {
        return new OrderId(UUID.fromString(text));
    }

    public static OrderId ofNullable(UUID value) {
        return value == null ? null : new OrderId(value);
    }

    /**
     * How a log or a failure names the order: enough to find it among the orders, never the id that
     * reads and cancels it (logs travel further than the database).
     */
    public String redacted() {
        return redacted(value.toString());
    }

    /** The same for an id as an event carries it. */
    public static String redacted(String orderId) {
        return orderId.length() <= SHOWN ? orderId : orderId.substring(0, SHOWN) + "…";
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
