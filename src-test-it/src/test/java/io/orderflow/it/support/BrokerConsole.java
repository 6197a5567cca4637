package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.devservices.StandaloneBroker;
import io.orderflow.effects.Effect;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A standalone broker's web console, through the Jolokia below it, as the console's administrator:
 * what an operator reads there, for the tests to read too.
 */
public record BrokerConsole(StandaloneBroker broker, String adminPassword) {

    public static final String BROKER_MBEAN = "org.apache.activemq.artemis:broker=\"orderflow\"";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A Jolokia request ({@code read}, {@code exec}) on an MBean's path; its answer, checked. */
    public JsonObject jolokia(String type, String path) throws IOException, InterruptedException {
        String encoded =
                URLEncoder.encode(path, StandardCharsets.UTF_8)
                        .replace("%2F", "/")
                        .replace("+", "%20");
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                broker.consoleUrl()
                                                        + "/jolokia/"
                                                        + type
                                                        + "/"
                                                        + encoded))
                                .header(
                                        "Authorization",
                                        basic(StandaloneBroker.ADMIN_USER + ":" + adminPassword))
                                // Jolokia refuses requests whose origin is not the console's own
                                .header("Origin", "http://127.0.0.1")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertThat(body.getInt("status")).as(response.body()).isEqualTo(200);
        return body;
    }

    /** A queue's message count as the console shows it. */
    public long messageCount(String queue) throws IOException, InterruptedException {
        return jolokia("read", queueAttribute(queue, "MessageCount"))
                .getJsonNumber("value")
                .longValue();
    }

    /**
     * Where each effect queue's messages are, and the transactions held prepared: for the message
     * of a test that found an effect unfinished, whose servers' logs may be gone by the time
     * someone reads it. Never fails: what cannot be read is said so.
     */
    public String effectsState() {
        try {
            StringBuilder state = new StringBuilder();
            for (Effect effect : Effect.values()) {
                state.append(effect.queue()).append(':');
                for (String count :
                        List.of(
                                "MessageCount",
                                "DeliveringCount",
                                "ScheduledCount",
                                "ConsumerCount")) {
                    state.append(' ')
                            .append(count)
                            .append('=')
                            .append(
                                    jolokia("read", queueAttribute(effect.queue(), count))
                                            .get("value"));
                }
                state.append("; ");
            }
            return state.append("prepared: ").append(preparedTransactions()).toString();
        } catch (Exception | AssertionError unreadable) {
            return "the broker's state could not be read: " + unreadable;
        }
    }

    /**
     * The transactions the broker holds prepared, waiting for their coordinator's decision, oldest
     * first: the messages a consumer took in one stay out of every consumer's reach until the
     * coordinator's recovery commits or rolls it back.
     */
    public List<String> preparedTransactions() throws IOException, InterruptedException {
        return jolokia("exec", BROKER_MBEAN + "/listPreparedTransactions")
                .getJsonArray("value")
                .getValuesAs(JsonString.class)
                .stream()
                .map(JsonString::getString)
                .toList();
    }

    /** The path of an attribute of an anycast queue on its address of the same name. */
    private static String queueAttribute(String queue, String attribute) {
        return BROKER_MBEAN
                + ",component=addresses,address=\""
                + queue
                + "\",subcomponent=queues,routing-type=\"anycast\",queue=\""
                + queue
                + "\"/"
                + attribute;
    }

    /** An HTTP Basic {@code Authorization} header's value for {@code user:password}. */
    public static String basic(String credentials) {
        return "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
