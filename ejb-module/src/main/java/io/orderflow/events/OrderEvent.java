package io.orderflow.events;

import io.orderflow.OrderId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The one schema of what travels on {@code order.events}: versioned JSON in a TextMessage, never a
 * serialized Java object, so producers and consumers share a format and not a classpath. A consumer
 * that meets a version it does not know refuses the message instead of guessing.
 *
 * @param eventId unique per event; the broker's duplicate detection id and the consumers' inbox key
 * @param orderId also the message group
 * @param sequence the event's place in its order's life (OrderPlaced is 1). A message group alone
 *     does not keep an order's events in order: while a rolled-back message waits for its
 *     redelivery, the broker hands the group's next message out. Each effect applies event n only
 *     after n - 1.
 */
public record OrderEvent(
        int schemaVersion,
        String eventId,
        EventType type,
        String orderId,
        int sequence,
        Instant occurredAt,
        String customerEmail,
        String currency,
        BigDecimal total,
        List<Line> lines) {

    /** Version 2 added the sequence. */
    public static final int SCHEMA_VERSION = 2;

    public record Line(String sku, int quantity, BigDecimal unitPrice) {}

    public OrderId order() {
        return OrderId.fromString(orderId);
    }

    /** The event that must be applied before this one, or 0 when this is the order's first. */
    public int predecessor() {
        return sequence - 1;
    }
}
