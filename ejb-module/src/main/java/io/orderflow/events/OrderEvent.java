package io.orderflow.events;

import io.orderflow.OrderId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one schema of what travels on {@code order.events}: versioned JSON in a TextMessage, never a
 * serialized Java object, so producers and consumers share a format and not a classpath. A consumer
 * that meets a version it does not know refuses the message instead of guessing.
 *
 * @param eventId unique per event; the broker's duplicate detection id and the consumers' inbox key
 * @param orderId its hash names the message group
 * @param customerEmail with the currency, the total and the lines, what the database recorded for
 *     the order when the event was made; consumers act on the record, never on these ({@link
 *     OrderFacts})
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

    /**
     * The facts (customerEmail, currency, total, lines) this event states otherwise than the record
     * does; none when it repeats the record.
     */
    public List<String> factsDifferingFrom(OrderEvent recorded) {
        List<String> differing = new ArrayList<>();
        if (!Objects.equals(customerEmail, recorded.customerEmail)) {
            differing.add("customerEmail");
        }
        if (!Objects.equals(currency, recorded.currency)) {
            differing.add("currency");
        }
        if (total == null || total.compareTo(recorded.total) != 0) {
            differing.add("total");
        }
        if (lines == null
                || lines.size() != recorded.lines.size()
                || !bySku(lines).equals(bySku(recorded.lines))) {
            differing.add("lines");
        }
        return differing;
    }

    /** Lines by SKU, prices as numbers (2.50 is 2.5), whatever their order. */
    private static Map<String, List<Object>> bySku(List<Line> lines) {
        Map<String, List<Object>> bySku = new TreeMap<>();
        for (Line line : lines) {
            bySku.put(
                    line.sku(),
                    List.of(
                            line.quantity(),
                            line.unitPrice() == null
                                    ? "none"
                                    : line.unitPrice().stripTrailingZeros()));
        }
        return bySku;
    }

    /** The event that must be applied before this one, or 0 when this is the order's first. */
    public int predecessor() {
        return sequence - 1;
    }
}
