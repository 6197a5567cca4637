package io.orderflow.telemetry;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch of readings, as a JSON array or as NDJSON (one reading per line), and checks every
 * one of them: the first bad reading refuses the whole batch, naming its line. Never reads more
 * than {@code maxReadings}.
 */
public final class ReadingsParser {

    /**
     * JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it
     * up once.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final int MAX_TEXT = 64;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final int maxReadings;

    public ReadingsParser(int maxReadings) {
        this.maxReadings = maxReadings;
    }

    public List<Reading> fromJsonArray(Reader body) {
        List<Reading> readings = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                throw ReadingsRejected.malformed(1, "is not inside a JSON array");
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_ARRAY) {
                    return nonEmpty(readings);
                }
                int line = readings.size() + 1;
                if (event != JsonParser.Event.START_OBJECT) {
                    throw ReadingsRejected.malformed(line, "is not a JSON object");
                }
                add(readings, parser.getObject(), line);
            }
            throw ReadingsRejected.malformed(
                    readings.size() + 1, "is missing: the array is not closed");
        } catch (JsonParsingException e) {
            throw ReadingsRejected.malformed(readings.size() + 1, "is not valid JSON");
        } catch (JsonException e) {
            throw ReadingsRejected.malformed(readings.size() + 1, "could not be read");
        }
    }

    public List<Reading> fromNdjson(Reader body) {
        List<Reading> readings = new ArrayList<>();
        BufferedReader lines = new BufferedReader(body);
        int line = 0;
        try {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonValue value;
                try (var reader = JSON.createReader(new StringReader(text))) {
                    value = reader.readValue();
                } catch (JsonException e) {
                    throw ReadingsRejected.malformed(line, "is not valid JSON");
                }
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ReadingsRejected.malformed(line, "is not a JSON object");
                }
                add(readings, value.asJsonObject(), line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nonEmpty(readings);
    }

    private void add(List<Reading> readings, JsonObject json, int line) {
        if (readings.size() == maxReadings) {
            throw new TooManyReadings(maxReadings);
        }
        readings.add(
                new Reading(
                        text(json, "sensorId", line),
                        instant(json, line),
                        text(json, "metric", line),
                        number(json, line)));
    }

    private static List<Reading> nonEmpty(List<Reading> readings) {
        if (readings.isEmpty()) {
            throw ReadingsRejected.invalid(1, "is missing: the batch is empty");
        }
        return readings;
    }

    /**
     * PostgreSQL's text holds no NUL character: refused here, not by the writer after the batch was
     * accepted.
     */
    private static String text(JsonObject json, String field, int line) {
        if (!(json.get(field) instanceof JsonString value)
                || value.getString().isBlank()
                || value.getString().length() > MAX_TEXT
                || value.getString().indexOf('\0') >= 0) {
            throw ReadingsRejected.invalid(
                    line,
                    "needs "
                            + field
                            + ": a text of 1 to "
                            + MAX_TEXT
                            + " characters, none of them NUL");
        }
        return value.getString();
    }

    /** Years 1 to 9999, as ISO-8601 writes them and the database stores them. */
    private static Instant instant(JsonObject json, int line) {
        Instant instant;
        try {
            instant = Instant.parse(((JsonString) json.get("timestamp")).getString());
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            instant = null;
        }
        if (instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ReadingsRejected.invalid(
                    line,
                    "needs timestamp: an ISO-8601 instant from year 1 to 9999, such as 2026-11-29T10:00:00Z");
        }
        return instant;
    }

    private static double number(JsonObject json, int line) {
        if (!(json.get("value") instanceof JsonNumber value)
                || !Double.isFinite(value.doubleValue())) {
            throw ReadingsRejected.invalid(line, "needs value: a finite number");
        }
        return value.doubleValue();
    }
}
