package io.orderflow.it.support;

import io.orderflow.devservices.WildFlyServer;
import io.orderflow.events.EventPublisher;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends to the broker from outside WildFly, over its HTTP-upgraded acceptor, the way another
 * producer (or an operator re-sending a message) would: as OrderFlow's own identity, the only one
 * the broker lets at OrderFlow's addresses.
 */
public final class ExternalProducer {

    private static final String BROKER_URL =
            "tcp://127.0.0.1:"
                    + System.getProperty("orderflow.it.http.port", "8180")
                    + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";

    public record Message(String json, String duplicateId, String groupId) {}

    private ExternalProducer() {}

    /**
     * To {@code order.events}, as OrderFlow's checkout publishes: each message's group the one
     * OrderFlow gives its order ({@code groupId} names the order), never the order's id itself,
     * which the broker would spell out in its log of a dropped duplicate.
     */
    public static void publish(Message... messages) throws JMSException {
        send(BROKER_URL, true, "order.events", asOrderFlowGroups(messages));
    }

    /**
     * The same to a broker pair of the cluster mode, whichever of the two serves.
     *
     * @param ports the primary's acceptor and the backup's
     */
    public static void publishToPair(List<Integer> ports, Message... messages) throws JMSException {
        String pair =
                ports.stream()
                        .map(port -> "tcp://127.0.0.1:" + port)
                        .collect(Collectors.joining(",", "(", ")?ha=true"));
        send(pair, true, "order.events", asOrderFlowGroups(messages));
    }

    private static Message[] asOrderFlowGroups(Message... messages) {
        return Arrays.stream(messages)
                .map(
                        message ->
                                new Message(
                                        message.json(),
                                        message.duplicateId(),
                                        message.groupId() == null
                                                ? null
                                                : EventPublisher.groupOf(message.groupId())))
                .toArray(Message[]::new);
    }

    /** Straight to one queue, e.g. a telemetry batch again. */
    public static void sendToQueue(String queue, Message... messages) throws JMSException {
        send(BROKER_URL, false, queue, messages);
    }

    private static void send(String url, boolean topic, String address, Message... messages)
            throws JMSException {
        try (Connection connection =
                new ActiveMQConnectionFactory(url)
                        .createConnection(
                                WildFlyServer.BROKER_USER, TestServices.brokerPassword())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer =
                    session.createProducer(
                            topic ? session.createTopic(address) : session.createQueue(address));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Message message : messages) {
                TextMessage text = session.createTextMessage(message.json());
                text.setStringProperty("_AMQ_DUPL_ID", message.duplicateId());
                if (message.groupId() != null) {
                    text.setStringProperty("JMSXGroupID", message.groupId());
                }
                producer.send(text);
            }
        }
    }

    /** A connection to the broker, over the HTTP port, as this user. */
    public static Connection connect(String user, String password) throws JMSException {
        return new ActiveMQConnectionFactory(BROKER_URL).createConnection(user, password);
    }

    /** An order as the API shows it, of one unit of the SKU at 10: what an event is made of. */
    public static JsonObject orderOfOneUnit(
            String orderId, String customerEmail, String createdAt, String sku) {
        return Json.createObjectBuilder()
                .add("id", orderId)
                .add("customerEmail", customerEmail)
                .add("createdAt", createdAt)
                .add("total", 10)
                .add(
                        "lines",
                        Json.createArrayBuilder()
                                .add(
                                        Json.createObjectBuilder()
                                                .add("sku", sku)
                                                .add("quantity", 1)
                                                .add("unitPrice", 10)))
                .build();
    }

    /**
     * An order's event in OrderFlow's schema (version 2), as the checkout would have published it.
     */
    public static String eventOf(JsonObject order, String type, String eventId, int sequence) {
        return eventOf(order, type, eventId, sequence, order.getString("createdAt"));
    }

    /** The same, said to have happened at another time. */
    public static String eventOf(
            JsonObject order, String type, String eventId, int sequence, String occurredAt) {
        JsonArrayBuilder lines = Json.createArrayBuilder();
        order.getJsonArray("lines")
                .getValuesAs(JsonObject.class)
                .forEach(
                        line ->
                                lines.add(
                                        Json.createObjectBuilder()
                                                .add("sku", line.getString("sku"))
                                                .add("quantity", line.getInt("quantity"))
                                                .add(
                                                        "unitPrice",
                                                        line.getJsonNumber("unitPrice"))));
        return Json.createObjectBuilder()
                .add("schemaVersion", 2)
                .add("eventId", eventId)
                .add("type", type)
                .add("orderId", order.getString("id"))
                .add("sequence", sequence)
                .add("occurredAt", occurredAt)
                .add("customerEmail", order.getString("customerEmail"))
                .add("currency", "EUR")
                .add("total", order.getJsonNumber("total"))
                .add("lines", lines)
                .build()
                .toString();
    }
}
