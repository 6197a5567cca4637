package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Refusal;
import io.orderflow.messaging.Queues;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The telemetry firehose: a batch is accepted whole (and then written once) or refused whole; a
 * full queue refuses with 503 and a Retry-After and keeps nothing of that request; ingestion
 * resumes when the queue drains.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryIT {

    private static final String DEAD_LETTERS = "DLQ." + Queues.TELEMETRY_READINGS;

    /** The journal grows by whole files, preallocated at WildFly's journal-file-size. */
    private static final long JOURNAL_FILE = 10L * 1024 * 1024;

    @Test
    void accepted_readings_are_written_once_and_a_redelivered_batch_adds_nothing()
            throws Exception {
        String sensor = sensor();
        List<String> readings = readings(sensor, 100);

        Api.Reply accepted = Api.postJson("/telemetry", "[" + String.join(",", readings) + "]");

        assertThat(accepted.status()).as(accepted.described()).isEqualTo(202);
        assertThat(accepted.json().getInt("readings")).isEqualTo(100);
        String batchId = accepted.json().getString("batchId");
        awaitRows(sensor, 100);

        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);
        String sameBatch =
                "{\"schemaVersion\":1,\"batchId\":\""
                        + batchId
                        + "\",\"acceptedAt\":\"2026-11-29T10:00:00Z\",\"readings\":["
                        + String.join(",", readings)
                        + "]}";
        ExternalProducer.sendToQueue(
                Queues.TELEMETRY_READINGS,
                new ExternalProducer.Message(sameBatch, "again-" + UUID.randomUUID(), null));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS))
                                    .isEqualTo(added + 1);
                            assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS)).isZero();
                        });
        assertThat(Database.readingsOf(sensor)).isEqualTo(100);
        assertThat(
                        Database.number(
                                "select count(*) from telemetry_batches where batch_id = ?",
                                UUID.fromString(batchId)))
                .isEqualTo(1);

        JsonObject stats = Api.get("/telemetry/stats", Api.asStaff()).json();
        assertThat(stats.getJsonNumber("written").longValue()).isGreaterThanOrEqualTo(100);
        assertThat(stats.getJsonNumber("acceptedSinceStart").longValue())
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void a_client_that_sends_its_batch_again_with_its_batch_id_gets_it_written_once() {
        String sensor = sensor();
        String batchId = UUID.randomUUID().toString();
        String body = "[" + String.join(",", readings(sensor, 20)) + "]";

        Api.Reply first = Api.postJson("/telemetry", body, "Batch-Id", batchId);
        awaitRows(sensor, 20);
        Api.Reply retry = Api.postJson("/telemetry", body, "Batch-Id", batchId);
        Api.Reply notAnId = Api.postJson("/telemetry", body, "Batch-Id", "batch-7");

        assertThat(first.status()).as(first.described()).isEqualTo(202);
        assertThat(retry.status()).as(retry.described()).isEqualTo(202);
        assertThat(retry.json().getString("batchId")).isEqualTo(batchId);
        assertThat(notAnId.status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS)).isZero());
        assertThat(Database.readingsOf(sensor)).isEqualTo(20);
        assertThat(
                        Database.number(
                                "select count(*) from telemetry_batches where batch_id = ?",
                                UUID.fromString(batchId)))
                .isEqualTo(1);
    }

    /**
     * A day later the batch's id is gone from the database (the retention sweep's window) and from
     * the broker's duplicate-id cache (rolled over): the batch sent again is still written once,
     * not refused by the readings' key into the dead-letter queue.
     */
    @Test
    void a_batch_sent_again_after_its_batch_id_expired_is_written_once() throws Exception {
        String sensor = sensor();
        List<String> readings = readings(sensor, 20);
        String batchId = UUID.randomUUID().toString();
        Api.Reply first =
                Api.postJson(
                        "/telemetry", "[" + String.join(",", readings) + "]", "Batch-Id", batchId);
        assertThat(first.status()).as(first.described()).isEqualTo(202);
        awaitRows(sensor, 20);
        assertThat(
                        Database.update(
                                "delete from telemetry_batches where batch_id = ?",
                                UUID.fromString(batchId)))
                .isEqualTo(1);
        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);
        long deadLetters = Broker.messageCount(DEAD_LETTERS);

        ExternalProducer.sendToQueue(
                Queues.TELEMETRY_READINGS,
                new ExternalProducer.Message(
                        "{\"schemaVersion\":1,\"batchId\":\""
                                + batchId
                                + "\",\"acceptedAt\":\"2026-12-04T10:00:00Z\",\"readings\":["
                                + String.join(",", readings)
                                + "]}",
                        "a-day-later-" + UUID.randomUUID(),
                        null));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS))
                                    .isEqualTo(added + 1);
                            assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS)).isZero();
                        });
        assertThat(Broker.messageCount(DEAD_LETTERS)).isEqualTo(deadLetters);
        assertThat(Database.readingsOf(sensor)).isEqualTo(20);
    }

    @Test
    void readings_the_database_would_refuse_are_refused_at_the_door_naming_their_line() {
        String sensor = sensor();
        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);
        List<String> withNul = new ArrayList<>(readings(sensor, 5));
        withNul.set(
                2,
                "{\"sensorId\":\""
                        + sensor
                        + "\\u0000\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":1}");
        List<String> farFuture = new ArrayList<>(readings(sensor, 5));
        farFuture.set(
                3,
                "{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"+10000-01-01T00:00:00Z\",\"metric\":\"temp\",\"value\":1}");
        List<String> infinite = new ArrayList<>(readings(sensor, 5));
        infinite.set(
                4,
                "{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":1e999}");

        for (List<String> batch : List.of(withNul, farFuture, infinite)) {
            Api.Reply refused = Api.postJson("/telemetry", "[" + String.join(",", batch) + "]");
            assertThat(refused.status()).as(refused.described()).isEqualTo(422);
            assertThat(refused.json().getInt("line"))
                    .isEqualTo(batch == withNul ? 3 : batch == farFuture ? 4 : 5);
        }
        assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS)).isEqualTo(added);
        assertThat(Database.readingsOf(sensor)).isZero();
    }

    /**
     * A batch the database keeps refusing is redelivered, then waits on the dead-letter desk, where
     * it can be dropped.
     */
    @Test
    void a_batch_the_writer_cannot_store_ends_on_the_dead_letter_desk() {
        String sensor = sensor();
        Broker.writeAddressSetting(
                Queues.TELEMETRY_READINGS, "max-delivery-attempts", new ModelNode(2));
        try (Refusal refusal =
                Refusal.ofInserts(
                        "readings",
                        "new.sensor_id = '" + sensor + "'",
                        "readings store refuses the sensor")) {
            Api.Reply accepted =
                    Api.postJson("/telemetry", "[" + String.join(",", readings(sensor, 3)) + "]");
            assertThat(accepted.status()).isEqualTo(202);
            String batchId = accepted.json().getString("batchId");

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(telemetryLetters())
                                            .anySatisfy(
                                                    letter ->
                                                            assertThat(
                                                                            letter.getString(
                                                                                    "deadLetteredAt"))
                                                                    .isNotBlank()));
            assertThat(Database.readingsOf(sensor)).isZero();
            JsonObject letter = telemetryLetters().get(telemetryLetters().size() - 1);
            Api.Reply dropped =
                    DeadLetterDesk.discard(
                            List.of(letter.getString("messageId")),
                            "test sensor, refused by the store");
            assertThat(dropped.json().getInt("done")).isEqualTo(1);
            assertThat(
                            Database.number(
                                    "select count(*) from telemetry_batches where batch_id = ?",
                                    UUID.fromString(batchId)))
                    .isZero();
        } finally {
            Broker.writeAddressSetting(
                    Queues.TELEMETRY_READINGS, "max-delivery-attempts", new ModelNode(10));
        }
    }

    private static List<JsonObject> telemetryLetters() {
        return DeadLetterDesk.listing()
                .getJsonArray("deadLetters")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(letter -> letter.getString("source").equals("telemetry"))
                .toList();
    }

    @Test
    void ndjson_is_accepted_line_by_line() {
        String sensor = sensor();

        Api.Reply accepted =
                Api.post(
                        "/telemetry",
                        "application/x-ndjson",
                        String.join("\n", readings(sensor, 3)) + "\n");

        assertThat(accepted.status()).as(accepted.described()).isEqualTo(202);
        awaitRows(sensor, 3);
    }

    @Test
    void one_invalid_reading_refuses_the_whole_batch_and_names_its_line() {
        String sensor = sensor();
        List<String> readings = new ArrayList<>(readings(sensor, 50));
        readings.set(
                36,
                "{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"yesterday\",\"metric\":\"temp\",\"value\":1}");
        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);

        Api.Reply refused = Api.postJson("/telemetry", "[" + String.join(",", readings) + "]");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().getInt("line")).isEqualTo(37);
        assertThat(refused.json().getString("reason")).contains("timestamp");
        Api.Reply malformed =
                Api.post(
                        "/telemetry",
                        "application/x-ndjson",
                        readings(sensor, 1).get(0) + "\n{\"sensorId\": \n");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getInt("line")).isEqualTo(2);
        assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS)).isEqualTo(added);
        assertThat(Database.readingsOf(sensor)).isZero();
    }

    @Test
    void batches_over_the_limits_are_refused_whole() {
        String sensor = sensor();
        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);

        Api.Reply tooMany =
                Api.postJson("/telemetry", "[" + String.join(",", readings(sensor, 5001)) + "]");
        Api.Reply tooBig =
                Api.postJson(
                        "/telemetry",
                        "["
                                + String.join(",", readings(sensor + "-" + "x".repeat(40), 9000))
                                + "]");

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().getInt("maxReadings")).isEqualTo(5000);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().getString("type"))
                .isEqualTo("urn:orderflow:problem:body-too-large");
        assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS)).isEqualTo(added);
        assertThat(Database.readingsOf(sensor)).isZero();
    }

    @Test
    void
            a_full_queue_refuses_with_retry_after_keeps_nothing_of_the_refused_batch_and_recovers_once_drained() {
        List<String> acceptedSensors = new ArrayList<>();
        Broker.pause(Queues.TELEMETRY_READINGS);
        Broker.writeAddressSetting(
                Queues.TELEMETRY_READINGS, "max-size-bytes", new ModelNode(200_000L));
        try {
            Api.Reply refused = null;
            String refusedSensor = null;
            for (int i = 0; i < 40 && refused == null; i++) {
                String sensor = sensor();
                Api.Reply reply =
                        Api.postJson(
                                "/telemetry", "[" + String.join(",", readings(sensor, 500)) + "]");
                if (reply.status() == 202) {
                    acceptedSensors.add(sensor);
                } else {
                    refused = reply;
                    refusedSensor = sensor;
                }
            }
            assertThat(refused).as("the queue filled up").isNotNull();
            assertThat(refused.status()).as(refused.described()).isEqualTo(503);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
            assertThat(refused.json().getString("type"))
                    .isEqualTo("urn:orderflow:problem:queue-full");
            long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);
            assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS))
                    .isEqualTo(acceptedSensors.size());

            Broker.writeAddressSetting(
                    Queues.TELEMETRY_READINGS, "max-size-bytes", new ModelNode(67_108_864L));
            Broker.resume(Queues.TELEMETRY_READINGS);
            for (String sensor : acceptedSensors) {
                awaitRows(sensor, 500);
            }
            assertThat(Database.readingsOf(refusedSensor)).isZero();
            assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS)).isEqualTo(added);
            String after = sensor();
            assertThat(
                            Api.postJson(
                                            "/telemetry",
                                            "[" + String.join(",", readings(after, 10)) + "]")
                                    .status())
                    .isEqualTo(202);
            awaitRows(after, 10);
        } finally {
            Broker.writeAddressSetting(
                    Queues.TELEMETRY_READINGS, "max-size-bytes", new ModelNode(67_108_864L));
            Broker.resume(Queues.TELEMETRY_READINGS);
        }
    }

    /**
     * The cap holds for the biggest batches too: a 5,000-reading batch stays a plain message (never
     * an Artemis large message, whose body the address would not count), so the queue refuses once
     * it holds its cap, and the broker's data folder grows by about the cap, not by everything
     * sent.
     */
    @Test
    void
            the_cap_holds_for_five_thousand_reading_batches_and_the_broker_disk_grows_by_no_more_than_it()
                    throws Exception {
        long cap = 16L * 1024 * 1024;
        Path data = Path.of(System.getProperty("orderflow.it.wildfly.base"), "data", "activemq");
        long diskBefore = sizeOf(data);
        List<String> acceptedSensors = new ArrayList<>();
        Broker.pause(Queues.TELEMETRY_READINGS);
        Broker.writeAddressSetting(Queues.TELEMETRY_READINGS, "max-size-bytes", new ModelNode(cap));
        try {
            Api.Reply refused = null;
            int batchBytes = 0;
            for (int i = 0; i < 100 && refused == null; i++) {
                String sensor = sensor();
                String body = "[" + String.join(",", readings(sensor, 5000)) + "]";
                batchBytes = body.length();
                Api.Reply reply = Api.postJson("/telemetry", body);
                if (reply.status() == 202) {
                    acceptedSensors.add(sensor);
                } else {
                    refused = reply;
                }
            }
            long diskGrowth = sizeOf(data) - diskBefore;
            System.out.printf(
                    "telemetry bound: %d batches of %d bytes accepted under a %d-byte cap; broker data grew by %d bytes%n",
                    acceptedSensors.size(), batchBytes, cap, diskGrowth);
            assertThat(refused).as("the queue filled up").isNotNull();
            assertThat(refused.status()).as(refused.described()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat((long) acceptedSensors.size() * batchBytes)
                    .as("bytes accepted")
                    .isLessThanOrEqualTo(cap + batchBytes);
            assertThat(filesIn(data.resolve("largemessages")))
                    .as("no batch became a large message")
                    .isZero();
            assertThat(diskGrowth)
                    .as("the broker's disk")
                    .isLessThanOrEqualTo(cap + batchBytes * 2L + JOURNAL_FILE);
        } finally {
            Broker.writeAddressSetting(
                    Queues.TELEMETRY_READINGS, "max-size-bytes", new ModelNode(67_108_864L));
            Broker.resume(Queues.TELEMETRY_READINGS);
        }
        for (String sensor : acceptedSensors) {
            awaitRows(sensor, 5000);
        }
    }

    private static long sizeOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private static long filesIn(Path folder) throws IOException {
        if (Files.notExists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static String sensor() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> readings(String sensor, int count) {
        return IntStream.range(0, count)
                .mapToObj(
                        i ->
                                "{\"sensorId\":\""
                                        + sensor
                                        + "\",\"timestamp\":\"2026-11-29T10:00:"
                                        + String.format("%02d", i % 60)
                                        + "Z\",\"metric\":\"temp\",\"value\":"
                                        + (20 + i % 7)
                                        + ".5}")
                .collect(Collectors.toList());
    }

    private static void awaitRows(String sensor, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Database.readingsOf(sensor)).isEqualTo(expected));
    }
}
