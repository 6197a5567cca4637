package io.orderflow.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.Processes;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.StandaloneBroker;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.it.support.BrokerConsole;
import io.orderflow.it.support.BrokerXml;
import io.orderflow.it.support.Browser;
import io.orderflow.messaging.Queues;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * artemis-config's broker.xml, run as it is on a standalone Artemis 2.44 broker created from the
 * distribution: what the broker resolves for every effect address is the policy broker.xml states
 * (as AddressSettingsIT shows for the broker embedded in WildFly), every queue the application
 * names exists and the diverts fan an event out to each effect (the console counts it in every
 * effect queue), only OrderFlow's identity may touch its addresses, and the web console answers to
 * its generated credentials.
 */
class StandaloneBrokerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StandaloneBroker broker;
    private static Process process;
    private static String adminPassword;
    private static BrokerConsole brokerConsole;
    private static String brokerPassword;

    @BeforeAll
    static void start() throws Exception {
        Path instance = Path.of(System.getProperty("orderflow.it.broker.instance"));
        WildFlyServer.deleteRecursively(instance);
        broker =
                new StandaloneBroker(
                        Path.of(System.getProperty("orderflow.artemis.home")),
                        instance,
                        Integer.getInteger("orderflow.it.broker.port"),
                        Integer.getInteger("orderflow.it.broker.console-port"));
        adminPassword = Secrets.generated();
        brokerPassword = Secrets.generated();
        broker.prepare(
                Path.of(System.getProperty("orderflow.broker.xml")),
                adminPassword,
                brokerPassword,
                Secrets.generated());
        process = broker.start(Duration.ofMinutes(2));
        brokerConsole = new BrokerConsole(broker, adminPassword);
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(60));
        }
    }

    @ParameterizedTest
    @EnumSource(Effect.class)
    void the_resolved_redelivery_policy_is_the_one_broker_xml_states(Effect effect)
            throws Exception {
        Map<String, String> intended = BrokerXml.policyOf(effect.queue());

        JsonObject resolved =
                Json.createReader(
                                new StringReader(
                                        brokerConsole
                                                .jolokia(
                                                        "exec",
                                                        BrokerConsole.BROKER_MBEAN
                                                                + "/getAddressSettingsAsJSON/"
                                                                + effect.queue())
                                                .getString("value")))
                        .readObject();

        assertThat(resolved.getJsonNumber("redeliveryDelay").longValue())
                .isEqualTo(Long.parseLong(intended.get("redelivery-delay")));
        assertThat(resolved.getJsonNumber("redeliveryMultiplier").bigDecimalValue())
                .isEqualByComparingTo(new BigDecimal(intended.get("redelivery-delay-multiplier")));
        assertThat(resolved.getJsonNumber("maxRedeliveryDelay").longValue())
                .isEqualTo(Long.parseLong(intended.get("max-redelivery-delay")));
        assertThat(resolved.getInt("maxDeliveryAttempts"))
                .isEqualTo(Integer.parseInt(intended.get("max-delivery-attempts")));
        assertThat(resolved.getString("deadLetterAddress")).isEqualTo("DLQ." + effect.queue());
        assertThat(resolved.getString("addressFullMessagePolicy")).isEqualTo("PAGE");
    }

    @Test
    void every_queue_the_application_names_exists_and_an_event_reaches_every_effect()
            throws Exception {
        var queues =
                brokerConsole
                        .jolokia("read", BrokerConsole.BROKER_MBEAN + "/QueueNames")
                        .getJsonArray("value");
        for (DeadLetterSource source : DeadLetterSource.all()) {
            assertThat(queues.toString())
                    .contains("\"" + source.originQueue() + "\"")
                    .contains("\"DLQ." + source.originQueue() + "\"");
        }

        Map<Effect, Long> countedBefore = new EnumMap<>(Effect.class);
        for (Effect effect : Effect.values()) {
            countedBefore.put(effect, brokerConsole.messageCount(effect.queue()));
        }
        try (Connection connection = connect(WildFlyServer.BROKER_USER, brokerPassword)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage event = session.createTextMessage("{}");
            event.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
            session.createProducer(session.createTopic("order.events"))
                    .send(event, DeliveryMode.PERSISTENT, 4, 0);
            for (Effect effect : Effect.values()) {
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(
                                () ->
                                        assertThat(brokerConsole.messageCount(effect.queue()))
                                                .as("the console's count of " + effect.queue())
                                                .isEqualTo(countedBefore.get(effect) + 1));
            }
            try (Browser console = Browser.onConsole()) {
                console.go(broker.consoleUrl() + "/");
                console.find("#pf-login-username-id").sendKeys(StandaloneBroker.ADMIN_USER);
                console.find("#pf-login-password-id").sendKeys(adminPassword);
                console.click("button[type=submit]");
                console.click(By.xpath("//button[normalize-space(.)='Queues']"));
                console.click("#options-menu-bottom-toggle");
                console.click(
                        By.xpath(
                                "//*[@role='menuitem' or contains(@class,'menu__item')][starts-with(normalize-space(.),'50')]"));
                for (Effect effect : Effect.values()) {
                    assertThat(messageCountShown(console, effect.queue()))
                            .as("the console page's count of " + effect.queue())
                            .isEqualTo(countedBefore.get(effect) + 1);
                }
                console.screenshot("artemis-queues");
            }
            connection.start();
            for (Effect effect : Effect.values()) {
                try (MessageConsumer consumer =
                        session.createConsumer(session.createQueue(effect.queue()))) {
                    assertThat(consumer.receive(10_000)).as(effect.queue()).isNotNull();
                }
            }
        }
    }

    @Test
    void only_orderflows_identity_may_touch_its_addresses() throws Exception {
        assertThatThrownBy(() -> connect(null, null).close())
                .as("without credentials")
                .isInstanceOf(JMSSecurityException.class);
        // Artemis lets its cluster user past every permission check
        assertThatThrownBy(() -> connect("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!").close())
                .as("the cluster user with the password Artemis ships with")
                .isInstanceOf(JMSException.class);
        for (String queue :
                new String[] {
                    Effect.EMAIL.queue(), "DLQ." + Queues.PAYMENT_VOIDS, Queues.TELEMETRY_READINGS
                }) {
            assertThatThrownBy(
                            () -> {
                                try (Connection connection =
                                        connect(StandaloneBroker.ADMIN_USER, adminPassword)) {
                                    Session session =
                                            connection.createSession(
                                                    false, Session.AUTO_ACKNOWLEDGE);
                                    session.createProducer(session.createQueue(queue))
                                            .send(session.createTextMessage("{}"));
                                }
                            })
                    .as("the console's administrator sending to " + queue)
                    .isInstanceOf(JMSSecurityException.class);
        }

        try (Connection connection = connect(WildFlyServer.BROKER_USER, brokerPassword)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String probe = UUID.randomUUID().toString();
            session.createProducer(session.createQueue("DLQ.payment.voids"))
                    .send(session.createTextMessage(probe));
            connection.start();
            try (MessageConsumer consumer =
                    session.createConsumer(session.createQueue("DLQ.payment.voids"))) {
                assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo(probe);
            }
        }
    }

    @Test
    void the_console_answers_to_the_generated_credentials_only() throws Exception {
        assertThat(
                        brokerConsole
                                .jolokia("read", BrokerConsole.BROKER_MBEAN + "/Version")
                                .getString("value"))
                .isEqualTo("2.44.0");

        for (String credentials : new String[] {null, StandaloneBroker.ADMIN_USER + ":wrong-1a"}) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(broker.consoleUrl() + "/jolokia/version"));
            if (credentials != null) {
                request.header("Authorization", BrokerConsole.basic(credentials));
            }
            HttpResponse<String> refused =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(String.valueOf(credentials)).isIn(401, 403);
            assertThat(refused.body()).doesNotContain("2.44.0");
        }
    }

    /** The Message Count cell of the queue's row in the console's Queues tab, once it shows. */
    private static long messageCountShown(Browser console, String queue) {
        return console.until(
                driver -> {
                    List<String> headers =
                            driver.findElements(By.cssSelector("#data-table thead th")).stream()
                                    .map(WebElement::getText)
                                    .toList();
                    List<WebElement> cells =
                            driver.findElements(
                                    By.xpath(
                                            "//table[@id='data-table']//tr[td[1][normalize-space(.)='"
                                                    + queue
                                                    + "']]/td"));
                    int column = headers.indexOf("Message Count");
                    return column < 0 || cells.size() <= column
                            ? null
                            : Long.valueOf(cells.get(column).getText().trim());
                });
    }

    private static Connection connect(String user, String password) throws JMSException {
        return new ActiveMQConnectionFactory(broker.url()).createConnection(user, password);
    }
}
