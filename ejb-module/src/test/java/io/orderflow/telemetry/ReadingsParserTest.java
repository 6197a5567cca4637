package io.orderflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingsParserTest {

    private static final String GOOD =
            "{\"sensorId\":\"s-1\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":21.5}";

    private final ReadingsParser parser = new ReadingsParser(3);

    @Test
    void reads_a_json_array_and_ndjson_alike() {
        assertThat(parser.fromJsonArray(new StringReader("[" + GOOD + "," + GOOD + "]")))
                .hasSize(2)
                .first()
                .isEqualTo(new Reading("s-1", Instant.parse("2026-11-29T10:00:00Z"), "temp", 21.5));
        assertThat(parser.fromNdjson(new StringReader(GOOD + "\n\n" + GOOD + "\n"))).hasSize(2);
    }

    @Test
    void names_the_line_of_the_first_invalid_reading() {
        String bad = GOOD.replace("21.5", "\"warm\"");
        assertThatThrownBy(
                        () -> parser.fromJsonArray(new StringReader("[" + GOOD + "," + bad + "]")))
                .isInstanceOf(ReadingsRejected.class)
                .extracting(e -> ((ReadingsRejected) e).details().get("line"))
                .isEqualTo(2);
        assertThatThrownBy(
                        () -> parser.fromNdjson(new StringReader(GOOD + "\n" + GOOD + "\n{oops")))
                .isInstanceOf(ReadingsRejected.class)
                .extracting(e -> ((ReadingsRejected) e).details().get("line"))
                .isEqualTo(3);
    }

    @Test
    void refuses_more_readings_than_the_maximum_and_an_empty_batch() {
        assertThatThrownBy(
                        () ->
                                parser.fromJsonArray(
                                        new StringReader(
                                                "["
                                                        + String.join(",", GOOD, GOOD, GOOD, GOOD)
                                                        + "]")))
                .isInstanceOf(TooManyReadings.class);
        assertThatThrownBy(() -> parser.fromJsonArray(new StringReader("[]")))
                .isInstanceOf(ReadingsRejected.class);
        assertThatThrownBy(() -> parser.fromJsonArray(new StringReader("{}")))
                .isInstanceOf(ReadingsRejected.class);
    }

    @Test
    void refuses_a_reading_without_a_sensor_or_with_a_value_that_is_no_number() {
        assertThatThrownBy(
                        () -> parser.fromNdjson(new StringReader(GOOD.replace("\"s-1\"", "\"\""))))
                .hasMessageContaining("sensorId");
        assertThatThrownBy(() -> parser.fromNdjson(new StringReader(GOOD.replace("21.5", "null"))))
                .hasMessageContaining("value");
    }
}
