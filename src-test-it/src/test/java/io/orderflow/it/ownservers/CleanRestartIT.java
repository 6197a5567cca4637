package io.orderflow.it.ownservers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.OrderFlowServer;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.SecretFiles;
import io.orderflow.it.support.TestServices;
import io.orderflow.messaging.Queues;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing that waits in a queue is lost by a clean stop: events for a paused effect, a dead letter
 * and telemetry batches are still there, in the same queues (same broker ids), after WildFly is
 * stopped the way Ctrl-C stops it and started again, and again after a restart through the run
 * command's own steps (configuration laid out afresh from the build, data kept). The operator's
 * pause holds through both; once the operator resumes, every waiting event is handled once. Runs
 * its own server, which it stops and starts; the last start is the run command's, which leaves the
 * synchronous baseline off and shows no password on the server's command line, in its console or in
 * its log.
 */
class CleanRestartIT {

    private static final String WAREHOUSE_DEAD_LETTERS = "DLQ." + Effect.WAREHOUSE.queue();
    private static final List<String> WATCHED =
            List.of(Effect.EMAIL.queue(), WAREHOUSE_DEAD_LETTERS, Queues.TELEMETRY_READINGS);

    private final Path home = Path.of(System.getProperty("orderflow.wildfly.home"));
    private final Path ear = Path.of(System.getProperty("orderflow.ear"));
    private final Path data = Path.of(System.getProperty("orderflow.it.restart.data"));
    private OrderFlowServer server;

    @Test
    void
            waiting_events_dead_letters_and_telemetry_survive_a_clean_stop_and_a_restart_through_the_run_command()
                    throws Exception {
        WildFlyServer.deleteRecursively(data);
        WildFlyServer laidOut = new WildFlyServer(home, data.resolve("wildfly"));
        laidOut.prepare();
        TestServices.prepareServer(laidOut);
        server = start();
        server.deploy(ear);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        String poisoned = Orders.uniqueCustomer("restart-refused");
        StubMapping refusal =
                warehouse.stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(poisoned))
                                .willReturn(
                                        aResponse()
                                                .withStatus(422)
                                                .withBody("{\"error\":\"no such address\"}")));
        String refusedOrder = Orders.place(poisoned, Products.create("restart-refused", 1), "1");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Broker.messageCount(WAREHOUSE_DEAD_LETTERS) == 1);

        pause("email");
        Broker.pause(Queues.TELEMETRY_READINGS);
        List<String> orders = new ArrayList<>();
        String mug = Products.create("restart", 3);
        for (int i = 0; i < 3; i++) {
            orders.add(Orders.place(Orders.uniqueCustomer("restart"), mug, "1"));
        }
        String sensor = "restart-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            Api.Reply accepted =
                    Api.postJson(
                            "/telemetry",
                            "[{\"sensorId\":\""
                                    + sensor
                                    + "\",\"timestamp\":\"2026-11-30T10:00:0"
                                    + i
                                    + "Z\",\"metric\":\"temp\",\"value\":"
                                    + i
                                    + "}]");
            assertThat(accepted.status()).as(accepted.described()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(Broker.messageCount(Effect.EMAIL.queue())).isEqualTo(3);
                            assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS)).isEqualTo(2);
                        });
        Map<String, Long> ids = queueIds();

        // a clean stop, and a start with the EAR taken away: nothing consumes, so the queues show
        // what was kept
        assertThat(server.stop(Duration.ofSeconds(60)))
                .as("WildFly shut down on its own, not killed")
                .isTrue();
        assertThat(Files.readString(server.base().resolve("log/server.log")))
                .contains("WFLYSRV0050");
        Files.delete(server.base().resolve("deployments").resolve(ear.getFileName()));
        Process bare = new WildFlyServer(home, server.base()).start(properties(), log());
        try {
            await().atMost(Duration.ofMinutes(2))
                    .ignoreExceptions()
                    .untilAsserted(
                            () -> {
                                assertThat(Broker.messageCount(Effect.EMAIL.queue())).isEqualTo(3);
                                assertThat(Broker.messageCount(WAREHOUSE_DEAD_LETTERS))
                                        .isEqualTo(1);
                                assertThat(Broker.messageCount(Queues.TELEMETRY_READINGS))
                                        .isEqualTo(2);
                            });
            assertThat(queueIds()).as("the same queues, not new ones").isEqualTo(ids);
        } finally {
            Processes.stop(bare, Duration.ofSeconds(60));
        }

        // the run command's steps: configuration afresh from the build, the users, the start, the
        // deployment
        server = start();
        server.deploy(ear);
        assertThat(queueIds()).isEqualTo(ids);
        assertThat(Broker.messageCount(WAREHOUSE_DEAD_LETTERS)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Database.readingsOf(sensor)).isEqualTo(2));
        // the operator's pause outlived both restarts: the mails wait until the operator resumes
        assertThat(Broker.messageCount(Effect.EMAIL.queue())).isEqualTo(3);
        Api.Reply effects = Api.get("/ops/effects", ops());
        assertThat(effects.jsonValue().asJsonArray().getValuesAs(JsonObject.class))
                .filteredOn(effect -> effect.getString("effect").equals("email"))
                .singleElement()
                .satisfies(email -> assertThat(email.getBoolean("paused")).isTrue());
        Api.Reply resumed = Api.postJson("/ops/effects/email/resume", "", ops());
        assertThat(resumed.status()).as(resumed.described()).isEqualTo(200);
        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(orders, Duration.ofSeconds(90));
        assertThat(external.duplicateMails()).isZero();

        warehouse.removeStub(refusal);
        JsonObject letter =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> deadLetterOf(refusedOrder), l -> l != null);
        Api.Reply retried =
                Api.postJson(
                        "/ops/dead-letters/retry",
                        "{\"messageIds\":[\"" + letter.getString("messageId") + "\"]}",
                        ops());
        assertThat(retried.status()).as(retried.described()).isEqualTo(200);
        Checker.verifyEveryEffectOnce(List.of(refusedOrder), Duration.ofSeconds(60));
        assertThat(Downstreams.fulfilmentRequests(refusedOrder))
                .as("the refused request and the retried one")
                .isEqualTo(2);

        // the run command leaves the benchmark's baseline without a queue switched off
        String customer = Orders.uniqueCustomer("restart-sync");
        Api.Reply sync =
                Api.postJson("/orders?mode=sync", Orders.body(customer, "tok_ok", mug, "1"));
        assertThat(sync.status()).as(sync.described()).isEqualTo(400);
        assertThat(sync.json().getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("switched off");
        assertThat(Database.ordersOf(customer)).isZero();

        // the users added before the first start (here the tests' member of staff) outlive the
        // fresh configuration
        assertThat(Api.get("/search?q=restart", Api.asStaff()).status()).isEqualTo(200);
        assertNoPasswordShows();
    }

    /**
     * The passwords the server uses are neither on its command line nor in its console or its log.
     */
    private void assertNoPasswordShows() throws IOException {
        List<String> passwords =
                List.of(
                        TestServices.services().database().applicationPassword(),
                        Files.readString(data.resolve("broker-password")).trim(),
                        Files.readString(data.resolve("broker-management-password")).trim(),
                        Files.readString(data.resolve("admin-password")).trim(),
                        server.opsPassword());
        String commandLine =
                server.process()
                        .descendants()
                        .map(child -> child.info().commandLine().orElse(""))
                        .filter(line -> line.contains("jboss-modules"))
                        .findFirst()
                        .orElseThrow();
        String console = Files.readString(data.resolve("console.log"));
        String log = Files.readString(server.base().resolve("log/server.log"));
        for (String password : passwords) {
            assertThat(commandLine).doesNotContain(password);
            assertThat(console).doesNotContain(password);
            assertThat(log).doesNotContain(password);
        }
        // the run command's data folder: the kept passwords, the server's credential store and
        // users
        assertThat(SecretFiles.holdingSecrets(List.of(data), passwords))
                .anyMatch(file -> file.contains("ops-password"))
                .anyMatch(file -> file.contains("broker-management-password"));
        assertThat(SecretFiles.readableByOthers(List.of(data), passwords)).isEmpty();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop(Duration.ofSeconds(60));
        }
    }

    private OrderFlowServer start() throws IOException, InterruptedException {
        return OrderFlowServer.start(
                home,
                data,
                properties(),
                TestServices.services().database().applicationPassword(),
                log());
    }

    private Map<String, String> properties() {
        Map<String, String> properties =
                new LinkedHashMap<>(TestServices.services().serverProperties());
        properties.put(
                "jboss.socket.binding.port-offset", System.getProperty("orderflow.it.port-offset"));
        return properties;
    }

    private ProcessBuilder.Redirect log() {
        return ProcessBuilder.Redirect.appendTo(data.resolve("console.log").toFile());
    }

    private void pause(String effect) {
        Api.Reply paused = Api.postJson("/ops/effects/" + effect + "/pause", "", ops());
        assertThat(paused.status()).as(paused.described()).isEqualTo(200);
    }

    private String[] ops() {
        return Api.basic(OrderFlowServer.OPS_USER, server.opsPassword());
    }

    private JsonObject deadLetterOf(String orderId) {
        Api.Reply listing = Api.get("/ops/dead-letters", ops());
        assertThat(listing.status()).as(listing.described()).isEqualTo(200);
        return listing.json().getJsonArray("deadLetters").getValuesAs(JsonObject.class).stream()
                .filter(letter -> orderId.equals(letter.getString("orderId", null)))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Long> queueIds() {
        return WATCHED.stream().collect(Collectors.toMap(Function.identity(), Broker::queueId));
    }
}
