package io.orderflow.events;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns OrderEvents into their JSON form and back, checking the schema version and the fields every
 * consumer needs.
 */
public final class EventCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventCodec() {}

    public static String encode(OrderEvent event) {
        return JSONB.toJson(event);
    }

    /**
     * Everything a consumer relies on is checked here, so that a message that passes can be
     * handled, and one that does not is unreadable (dead-lettered at once) instead of failing
     * deeper down on every attempt.
     */
    public static OrderEvent decode(String json) {
        if (json == null) {
            throw new UnreadableEvent("the message has no text body");
        }
        OrderEvent event;
        try {
            event = JSONB.fromJson(json, OrderEvent.class);
        } catch (JsonbException e) {
            throw new UnreadableEvent("the body is not an OrderEvent: " + e.getMessage(), e);
        }
        if (event == null || event.schemaVersion() != OrderEvent.SCHEMA_VERSION) {
            throw new UnreadableEvent(
                    "unknown schema version "
                            + (event == null ? "none" : event.schemaVersion())
                            + "; this consumer reads version "
                            + OrderEvent.SCHEMA_VERSION);
        }
        try {
            Objects.requireNonNull(event.eventId(), "eventId");
            Objects.requireNonNull(event.type(), "type");
            Objects.requireNonNull(event.orderId(), "orderId");
            Objects.requireNonNull(event.occurredAt(), "occurredAt");
            Objects.requireNonNull(event.lines(), "lines");
        } catch (NullPointerException missing) {
            throw new UnreadableEvent("the event has no " + missing.getMessage());
        }
        requireUuid("eventId", event.eventId());
        requireUuid("orderId", event.orderId());
        if (event.sequence() < 1) {
            throw new UnreadableEvent(
                    "the event's sequence "
                            + event.sequence()
                            + " is not a position in its order's life");
        }
        if (event.lines().stream()
                .anyMatch(line -> line == null || line.sku() == null || line.quantity() < 1)) {
            throw new UnreadableEvent("the event has a line without a SKU or a quantity");
        }
        return event;
    }

    private static void requireUuid(String field, String value) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            throw new UnreadableEvent("the event's " + field + " is not a UUID");
        }
    }
}
