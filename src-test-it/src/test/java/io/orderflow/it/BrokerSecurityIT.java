package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.ArtemisCli;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.TestServices;
import io.orderflow.messaging.Queues;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Only OrderFlow's own identity may send to, consume from or browse OrderFlow's addresses. A real
 * JMS client connects from outside through WildFly's HTTP-upgrade acceptor: as a user with
 * WildFly's default role guest, or with no credentials at all, every send and every consumer is
 * refused and nothing reaches a queue; as OrderFlow's identity they work. That identity cannot
 * manage the broker (pause, purge), and the identity that manages it can touch no event.
 */
@ExtendWith(ArquillianExtension.class)
class BrokerSecurityIT {

    private static final String EMAIL = Effect.EMAIL.queue();
    private static final List<String> QUEUES =
            List.of(EMAIL, Queues.TELEMETRY_READINGS, "DLQ." + EMAIL, Queues.PAYMENT_VOIDS);

    private interface BrokerAction {
        void run(Session session) throws JMSException;
    }

    @Test
    void a_guest_can_neither_send_nor_consume_nor_browse() {
        List<Long> added = QUEUES.stream().map(Broker::messagesAdded).toList();

        assertRefused(
                TestServices.JMS_USER,
                TestServices.jmsPassword(),
                session ->
                        session.createProducer(session.createTopic("order.events"))
                                .send(
                                        session.createTextMessage(
                                                "{\"schemaVersion\":2,\"type\":\"OrderCancelled\"}")));
        for (String queue : QUEUES) {
            assertRefused(
                    TestServices.JMS_USER,
                    TestServices.jmsPassword(),
                    session ->
                            session.createProducer(session.createQueue(queue))
                                    .send(session.createTextMessage("{}")));
            assertRefused(
                    TestServices.JMS_USER,
                    TestServices.jmsPassword(),
                    session -> session.createConsumer(session.createQueue(queue)).close());
            assertRefused(
                    TestServices.JMS_USER,
                    TestServices.jmsPassword(),
                    session ->
                            session.createBrowser(session.createQueue(queue))
                                    .getEnumeration()
                                    .hasMoreElements());
        }

        assertThat(QUEUES.stream().map(Broker::messagesAdded).toList()).isEqualTo(added);
    }

    @Test
    void without_credentials_nothing_gets_in() {
        long added = Broker.messagesAdded(Queues.TELEMETRY_READINGS);

        assertRefused(
                null,
                null,
                session ->
                        session.createProducer(session.createQueue(Queues.TELEMETRY_READINGS))
                                .send(session.createTextMessage("{}")));
        assertRefused(
                null, null, session -> session.createConsumer(session.createQueue(EMAIL)).close());

        assertThat(Broker.messagesAdded(Queues.TELEMETRY_READINGS)).isEqualTo(added);
    }

    @Test
    void orderflows_identity_sends_and_consumes() throws Exception {
        String sensor = "broker-security-" + UUID.randomUUID();
        String batch =
                "{\"schemaVersion\":1,\"batchId\":\""
                        + UUID.randomUUID()
                        + "\",\"acceptedAt\":\"2026-11-30T10:00:00Z\","
                        + "\"readings\":[{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"metric\":\"temp\",\"value\":1.5}]}";

        try (Connection connection =
                ExternalProducer.connect(
                        WildFlyServer.BROKER_USER, TestServices.brokerPassword())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(Queues.TELEMETRY_READINGS))
                    .send(session.createTextMessage(batch));
            connection.start();
            // a consumer whose selector takes nothing: the right to consume, shown without taking a
            // message from anyone
            try (MessageConsumer consumer =
                    session.createConsumer(session.createQueue("DLQ." + EMAIL), "probe = 'none'")) {
                assertThat(consumer.receive(200)).isNull();
            }
            // a browse the broker refuses throws here, at the first look into the queue
            assertThatCode(
                            () ->
                                    Collections.list(
                                            session.createBrowser(
                                                            session.createQueue("DLQ." + EMAIL))
                                                    .getEnumeration()))
                    .doesNotThrowAnyException();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Database.readingsOf(sensor)).isEqualTo(1));
    }

    /**
     * Artemis lets its cluster user past every permission check; with the password it ships with
     * ({@code CHANGE ME!!}) that would be anyone's. The embedded broker refuses to authenticate a
     * cluster user with that password at all.
     */
    @Test
    void the_brokers_cluster_user_with_its_default_password_gets_nowhere() {
        long added = Broker.messagesAdded(EMAIL);

        assertThatThrownBy(
                        () -> {
                            try (Connection connection =
                                    ExternalProducer.connect(
                                            "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!")) {
                                Session session =
                                        connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                                session.createProducer(session.createQueue(EMAIL))
                                        .send(session.createTextMessage("{}"));
                            }
                        })
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("AMQ229099");
        assertThat(Broker.messagesAdded(EMAIL)).isEqualTo(added);
    }

    /**
     * OrderFlow's events identity cannot manage the broker: a management message asking to pause an
     * effect's queue is refused, and so is the Artemis command-line client's purge of it.
     */
    @Test
    void the_identity_that_sends_events_cannot_pause_or_purge_a_queue() throws Exception {
        assertRefused(
                WildFlyServer.BROKER_USER,
                TestServices.brokerPassword(),
                session -> {
                    Message pause = session.createTextMessage("[]");
                    pause.setStringProperty("_AMQ_ResourceName", "queue." + EMAIL);
                    pause.setStringProperty("_AMQ_OperationName", "pause");
                    session.createProducer(session.createQueue("activemq.management")).send(pause);
                });
        ArtemisCli.Outcome purge =
                ArtemisCli.run(
                        WildFlyServer.BROKER_USER,
                        TestServices.brokerPassword(),
                        "queue",
                        "purge",
                        "--name",
                        "DLQ." + EMAIL);

        assertThat(purge.exitCode()).as(purge.output()).isNotZero();
        assertThat(purge.output())
                .contains("SECURITY_EXCEPTION")
                .contains("User: " + WildFlyServer.BROKER_USER + " does not have permission");
        assertThat(Api.get("/ops/effects", Api.asOps()).body()).doesNotContain("\"paused\":true");
    }

    /**
     * The identity OrderFlow manages the broker with (its pauses and counts, which the operator's
     * API shows) can neither publish an event nor take one from an effect.
     */
    @Test
    void the_management_identity_counts_and_touches_no_event() {
        long added = Broker.messagesAdded(EMAIL);

        assertThat(Api.get("/ops/effects", Api.asOps()).status())
                .as("counts and pause states, asked as the management identity")
                .isEqualTo(200);
        assertRefused(
                WildFlyServer.MANAGEMENT_USER,
                TestServices.managementPassword(),
                session ->
                        session.createProducer(session.createTopic("order.events"))
                                .send(session.createTextMessage("{}")));
        assertRefused(
                WildFlyServer.MANAGEMENT_USER,
                TestServices.managementPassword(),
                session -> session.createConsumer(session.createQueue(EMAIL)).close());
        assertThat(Broker.messagesAdded(EMAIL)).isEqualTo(added);
    }

    private static void assertRefused(String user, String password, BrokerAction action) {
        assertThatThrownBy(
                        () -> {
                            try (Connection connection = ExternalProducer.connect(user, password)) {
                                connection.start();
                                action.run(
                                        connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
                            }
                        })
                .isInstanceOf(JMSSecurityException.class);
    }
}
