package io.orderflow;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An order's id: random and unguessable, the customer's key to the order. Entities keep the UUID
 * their column holds and hand out this; events carry its text.
 */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /**
     * The id written as text; {@link IllegalArgumentException} when it is not one. Jakarta REST
     * converts path segments with it.
     */
    public static OrderId fromString(String text) {
        return new OrderId(UUID.fromString(text));
    }

    /** The id written as text, or empty when the text is not one (a path, a query). */
    public static Optional<OrderId> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    public static OrderId ofNullable(UUID value) {
        return value == null ? null : new OrderId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
