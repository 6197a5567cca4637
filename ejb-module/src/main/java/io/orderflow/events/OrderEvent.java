package io.orderflow.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The one schema of what travels on {@code order.events}: versioned JSON in a TextMessage, never a serialized Java
 * object, so producers and consumers share a format and not a classpath. A consumer that meets a version it does not
 * know refuses the message instead of guessing.
 *
 * @param eventId unique per event; the broker's duplicate detection id and the consumers' inbox key
 * @param orderId also the message group, so one order's events are handled in order
 */
public record OrderEvent(
        int schemaVersion,
        String eventId,
        EventType type,
        String orderId,
        Instant occurredAt,
        String customerEmail,
        String currency,
        BigDecimal total,
        List<Line> lines) {

    public static final int SCHEMA_VERSION = 1;

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }
}
