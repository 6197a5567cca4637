package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.JMSException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The dead-letter desk's API, used as an operator with the role ops. */
public final class DeadLetterDesk {

    private DeadLetterDesk() {}

    public static JsonObject listing() {
        Api.Reply reply = Api.get("/ops/dead-letters", Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return reply.json();
    }

    /** The dead letter of one order's effect (an order has at most one per effect at a time). */
    public static Optional<JsonObject> of(String orderId, String effect) {
        return letters().stream()
                .filter(
                        letter ->
                                orderId.equals(letter.getString("orderId", null))
                                        && effect.equals(letter.getString("source")))
                .findFirst();
    }

    /** The dead letters whose failure message mentions this text. */
    public static List<JsonObject> failedWith(String text) {
        return letters().stream()
                .filter(
                        letter ->
                                !letter.isNull("failure")
                                        && letter.getJsonObject("failure")
                                                .getString("message")
                                                .contains(text))
                .toList();
    }

    /**
     * Sends one message no consumer can read (an unknown schema version) straight to {@code queue},
     * and waits until its consumer has dead-lettered it.
     *
     * @return the schema version that marks it, for {@link #failedWith} and {@link #discardMarked}
     */
    public static String deadLetterUnreadable(String queue) throws JMSException {
        String version = String.valueOf(100_000 + new Random().nextInt(900_000));
        ExternalProducer.sendToQueue(
                queue,
                new ExternalProducer.Message(
                        "{\"schemaVersion\":" + version + "}", "unreadable-" + version, null));
        await().atMost(Duration.ofSeconds(60)).until(() -> failedWith(version).size() == 1);
        return version;
    }

    /** Discards the dead letters {@link #deadLetterUnreadable} made, so they leave the queue. */
    public static void discardMarked(String version, String reason) {
        discard(
                failedWith(version).stream().map(letter -> letter.getString("messageId")).toList(),
                reason);
    }

    public static List<JsonObject> ofEvent(String eventId) {
        return letters().stream()
                .filter(letter -> eventId.equals(letter.getString("eventId", null)))
                .toList();
    }

    /** Every dead letter on the desk. */
    public static List<JsonObject> letters() {
        return listing().getJsonArray("deadLetters").getValuesAs(JsonObject.class);
    }

    public static Api.Reply retry(Collection<String> messageIds) {
        return Api.postJson("/ops/dead-letters/retry", selection(messageIds, null), Api.asOps());
    }

    public static Api.Reply retryGroup(String fingerprint) {
        return Api.postJson(
                "/ops/dead-letters/retry",
                Json.createObjectBuilder().add("fingerprint", fingerprint).build().toString(),
                Api.asOps());
    }

    public static Api.Reply discard(Collection<String> messageIds, String reason) {
        return Api.postJson(
                "/ops/dead-letters/discard", selection(messageIds, reason), Api.asOps());
    }

    public static List<JsonObject> audit() {
        Api.Reply reply = Api.get("/ops/dead-letters/audit", Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return reply.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }

    private static String selection(Collection<String> messageIds, String reason) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        messageIds.forEach(ids::add);
        var body = Json.createObjectBuilder().add("messageIds", ids);
        if (reason != null) {
            body.add("reason", reason);
        }
        return body.build().toString();
    }
}
