package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final OrderEvent placed = new OrderEvent(OrderEvent.SCHEMA_VERSION, "e-1", EventType.OrderPlaced, "o-1",
            Instant.parse("2026-11-29T10:00:00Z"), "ada@example.com", "EUR", new BigDecimal("121.80"),
            List.of(new OrderEvent.Line("BOOK-001", 2, new BigDecimal("54.90")), new OrderEvent.Line("MUG-001", 1, new BigDecimal("12.00"))));

    @Test
    void an_event_reads_back_as_it_was_written() {
        assertThat(EventCodec.decode(EventCodec.encode(placed))).isEqualTo(placed);
    }

    @Test
    void the_wire_form_names_the_schema_version_and_the_event_type() {
        assertThat(EventCodec.encode(placed)).contains("\"schemaVersion\":1", "\"type\":\"OrderPlaced\"", "\"eventId\":\"e-1\"");
    }

    @Test
    void a_version_this_consumer_does_not_know_is_refused_rather_than_guessed() {
        String future = EventCodec.encode(placed).replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> EventCodec.decode(future)).isInstanceOf(UnreadableEvent.class).hasMessageContaining("version 2");
    }

    @Test
    void an_event_without_an_id_is_refused() {
        String anonymous = EventCodec.encode(placed).replace("\"eventId\":\"e-1\",", "");
        assertThatThrownBy(() -> EventCodec.decode(anonymous)).isInstanceOf(UnreadableEvent.class).hasMessageContaining("eventId");
    }

    @Test
    void a_body_that_is_not_an_event_is_refused() {
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(UnreadableEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(null)).isInstanceOf(UnreadableEvent.class);
    }
}
