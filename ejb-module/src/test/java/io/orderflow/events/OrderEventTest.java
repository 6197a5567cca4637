package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An event's facts against the record: what differs is named, what only looks different is not. */
class OrderEventTest {

    private static final OrderEvent.Line BOOK =
            new OrderEvent.Line("BOOK-1", 1, new BigDecimal("2.50"));
    private static final OrderEvent.Line PEN =
            new OrderEvent.Line("PEN-1", 2, new BigDecimal("1.00"));

    private static final OrderEvent RECORDED =
            event("ada@example.com", "EUR", new BigDecimal("4.50"), List.of(BOOK, PEN));

    @Test
    void the_same_facts_in_another_order_and_scale_differ_in_nothing() {
        OrderEvent repeated =
                event(
                        "ada@example.com",
                        "EUR",
                        new BigDecimal("4.5"),
                        List.of(new OrderEvent.Line("PEN-1", 2, BigDecimal.ONE), BOOK));

        assertThat(repeated.factsDifferingFrom(RECORDED)).isEmpty();
    }

    @Test
    void each_altered_fact_is_named() {
        OrderEvent altered =
                event(
                        "thief@example.com",
                        "USD",
                        new BigDecimal("9.00"),
                        List.of(new OrderEvent.Line("BOOK-1", 4, new BigDecimal("2.50")), PEN));

        assertThat(altered.factsDifferingFrom(RECORDED))
                .containsExactly("customerEmail", "currency", "total", "lines");
    }

    @Test
    void a_line_repeated_or_dropped_is_a_difference() {
        assertThat(
                        event(
                                        "ada@example.com",
                                        "EUR",
                                        new BigDecimal("4.50"),
                                        List.of(BOOK, PEN, PEN))
                                .factsDifferingFrom(RECORDED))
                .containsExactly("lines");
        assertThat(
                        event("ada@example.com", "EUR", new BigDecimal("4.50"), List.of(BOOK))
                                .factsDifferingFrom(RECORDED))
                .containsExactly("lines");
    }

    private static OrderEvent event(
            String email, String currency, BigDecimal total, List<OrderEvent.Line> lines) {
        return new OrderEvent(
                OrderEvent.SCHEMA_VERSION,
                "event-1",
                EventType.OrderPlaced,
                UUID.nameUUIDFromBytes(new byte[] {1}).toString(),
                1,
                Instant.EPOCH,
                email,
                currency,
                total,
                lines);
    }
}
