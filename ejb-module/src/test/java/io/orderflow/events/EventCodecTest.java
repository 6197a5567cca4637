package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final String EVENT_ID = "6c1f4d6e-2b43-4f7e-9c57-0d1f5a9e7b21";
    private static final String ORDER_ID = "0b7e2f35-8a3c-4d8e-a3f4-5c2d9e1b6a70";

    private final OrderEvent placed =
            new OrderEvent(
                    OrderEvent.SCHEMA_VERSION,
                    EVENT_ID,
                    EventType.OrderPlaced,
                    ORDER_ID,
                    1,
                    Instant.parse("2026-11-29T10:00:00Z"),
                    "ada@example.com",
                    "EUR",
                    new BigDecimal("121.80"),
                    List.of(
                            new OrderEvent.Line("BOOK-001", 2, new BigDecimal("54.90")),
                            new OrderEvent.Line("MUG-001", 1, new BigDecimal("12.00"))));

    @Test
    void an_event_reads_back_as_it_was_written() {
        assertThat(EventCodec.decode(EventCodec.encode(placed))).isEqualTo(placed);
    }

    @Test
    void the_wire_form_names_the_schema_version_the_event_type_and_its_place_in_the_order() {
        assertThat(EventCodec.encode(placed))
                .contains(
                        "\"schemaVersion\":2",
                        "\"type\":\"OrderPlaced\"",
                        "\"eventId\":\"" + EVENT_ID + "\"",
                        "\"sequence\":1");
    }

    @Test
    void a_version_this_consumer_does_not_know_is_refused_rather_than_guessed() {
        String future =
                EventCodec.encode(placed).replace("\"schemaVersion\":2", "\"schemaVersion\":3");
        assertThatThrownBy(() -> EventCodec.decode(future))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void an_event_without_an_id_is_refused() {
        String anonymous =
                EventCodec.encode(placed).replace("\"eventId\":\"" + EVENT_ID + "\",", "");
        assertThatThrownBy(() -> EventCodec.decode(anonymous))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void
            ids_that_are_not_uuids_make_the_event_unreadable_instead_of_failing_every_consumer_later() {
        String badOrder = EventCodec.encode(placed).replace(ORDER_ID, "order-1");
        String badEvent = EventCodec.encode(placed).replace(EVENT_ID, "e-1");
        assertThatThrownBy(() -> EventCodec.decode(badOrder))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("orderId");
        assertThatThrownBy(() -> EventCodec.decode(badEvent))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void an_event_without_its_place_in_the_order_is_refused() {
        String unplaced = EventCodec.encode(placed).replace("\"sequence\":1,", "");
        assertThatThrownBy(() -> EventCodec.decode(unplaced))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void a_body_that_is_not_an_event_is_refused() {
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(UnreadableEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(null)).isInstanceOf(UnreadableEvent.class);
    }

    @Test
    void an_event_names_its_predecessor() {
        assertThat(placed.predecessor()).isZero();
    }
}
