package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.TestServices;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event that arrives again after it was handled changes nothing: the broker drops a re-send with the same
 * duplicate id, and each consumer's inbox skips a re-delivery that got past the broker (a new duplicate id, as a
 * manual re-send or a message restored from a backup would have).
 */
@ExtendWith(ArquillianExtension.class)
class InboxIT {

    private static final String BROKER_URL = "tcp://127.0.0.1:" + System.getProperty("orderflow.it.http.port", "8180")
            + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void an_event_delivered_again_repeats_no_effect() throws Exception {
        String email = Orders.uniqueCustomer("twice");
        String orderId = Orders.place(email, "BOOK-001", "1", "MUG-001", "2");
        Orders.awaitAllDone(orderId);
        UUID id = UUID.fromString(orderId);
        String eventId = Database.eventIdOf(id);
        Map<Effect, Long> addedBefore = messagesAdded();
        long reserved = Database.number("select reserved from products where sku = 'MUG-001'");
        long mugUnits = Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'MUG-001'");
        long pairs = Database.number("select times from co_purchases where sku_a = 'BOOK-001' and sku_b = 'MUG-001'");
        String event = placedEventOf(orderId, eventId);

        try (Connection connection = new ActiveMQConnectionFactory(BROKER_URL)
                .createConnection(TestServices.JMS_USER, TestServices.jmsPassword())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic("order.events"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(message(session, event, eventId, orderId));
            producer.send(message(session, event, "resent-" + UUID.randomUUID(), orderId));
        }

        // The second send (a new duplicate id) reaches every queue and is consumed; the first never got in.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Effect effect : Effect.values()) {
                assertThat(Broker.messagesAdded(effect.queue())).as(effect.queue()).isEqualTo(addedBefore.get(effect) + 1);
                assertThat(Broker.messageCount(effect.queue())).as(effect.queue()).isZero();
            }
        });
        assertThat(Database.number("select count(*) from inventory_reservations where order_id = ?", id)).isEqualTo(2);
        assertThat(Database.number("select reserved from products where sku = 'MUG-001'")).isEqualTo(reserved);
        assertThat(Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'MUG-001'")).isEqualTo(mugUnits);
        assertThat(Database.number("select times from co_purchases where sku_a = 'BOOK-001' and sku_b = 'MUG-001'")).isEqualTo(pairs);
        assertThat(Database.number("select count(*) from processed_messages where event_id = ?", eventId)).isEqualTo(6);
        assertThat(TestServices.services().mail().countWithMessageId("<" + orderId + ".OrderPlaced@orderflow.local>")).isEqualTo(1);
        assertThat(TestServices.services().warehouse().wireMock()
                .findAll(postRequestedFor(urlEqualTo("/warehouse/fulfilments")).withRequestBody(containing(orderId)))).hasSize(1);
        assertThat(Api.get("/search?q=" + email).json().getJsonArray("hits")).hasSize(1);
    }

    private static Map<Effect, Long> messagesAdded() {
        return Arrays.stream(Effect.values()).collect(Collectors.toMap(Function.identity(), e -> Broker.messagesAdded(e.queue())));
    }

    private static TextMessage message(Session session, String event, String duplicateId, String orderId) throws Exception {
        TextMessage message = session.createTextMessage(event);
        message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
        message.setStringProperty("JMSXGroupID", orderId);
        return message;
    }

    /** The OrderPlaced event as OrderFlow published it, rebuilt from the order. */
    private static String placedEventOf(String orderId, String eventId) {
        JsonObject order = Api.get("/orders/" + orderId).json();
        JsonArrayBuilder lines = Json.createArrayBuilder();
        order.getJsonArray("lines").getValuesAs(JsonObject.class).forEach(line -> lines.add(Json.createObjectBuilder()
                .add("sku", line.getString("sku"))
                .add("quantity", line.getInt("quantity"))
                .add("unitPrice", line.getJsonNumber("unitPrice"))));
        return Json.createObjectBuilder()
                .add("schemaVersion", 1)
                .add("eventId", eventId)
                .add("type", "OrderPlaced")
                .add("orderId", orderId)
                .add("occurredAt", order.getString("createdAt"))
                .add("customerEmail", order.getString("customerEmail"))
                .add("currency", order.getString("currency"))
                .add("total", order.getJsonNumber("total"))
                .add("lines", lines)
                .build()
                .toString();
    }
}
