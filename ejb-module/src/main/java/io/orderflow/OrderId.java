package io.orderflow;

import java.util.Objects;
import java.util.UUID;

/**
 * An order's id: random and unguessable, the customer's key to the order. Entities keep the UUID
 * their column holds and hand out this; events carry its text.
 */
public record OrderId(UUID value) {

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

    @Override
    public String toString() {
        return value.toString();
    }
}
