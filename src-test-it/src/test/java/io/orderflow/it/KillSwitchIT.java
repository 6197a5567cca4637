package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Browser;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse's kill switch. On a server of its own, with the warehouse's redelivery schedule cut
 * to five attempts 200 ms apart and its switch tripping after 3 failures in a row, probing after 2
 * s, then 4: the warehouse answers 503 for far longer than the schedule. With the switch off, the
 * orders' warehouse events are dead-lettered within seconds; with it on, the queue is paused, the
 * probes fail and nothing is dead-lettered; once the warehouse is back a probe passes, the queue is
 * resumed, and every order is fulfilled, each with one accepted request. The scrape counts the
 * trip. Before the warehouse is back, an operator pauses the email effect and the server is killed
 * (its broker with it) and started again: the switch opens again from the record and only its
 * probes reach the warehouse; the operator's pause holds until the operator resumes it, and the
 * page says who paused each effect and why.
 */
class KillSwitchIT {

    private static final String WAREHOUSE = Effect.WAREHOUSE.queue();
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(60);
    private static final Map<String, String> ON_WAREHOUSE = Map.of("effect", "warehouse");

    private final WildFlyServer wildFly =
            new WildFlyServer(
                    Path.of(System.getProperty("orderflow.wildfly.home")),
                    Path.of(System.getProperty("orderflow.it.kill-switch.base")));
    private Process server;

    @Test
    void the_switch_keeps_a_long_warehouse_outage_out_of_the_dead_letter_queue_across_a_restart()
            throws Exception {
        Map<String, String> properties = TestServices.ownServerProperties();
        properties.put("orderflow.effects.warehouse.kill-switch.failures-in-a-row", "3");
        properties.put("orderflow.effects.warehouse.kill-switch.cool-down-seconds", "2");
        properties.put("orderflow.effects.warehouse.kill-switch.longest-cool-down-seconds", "4");
        server = TestServices.startOwnServer(wildFly, properties);
        Broker.writeAddressSetting(WAREHOUSE, "max-delivery-attempts", new ModelNode(5));
        Broker.writeAddressSetting(WAREHOUSE, "redelivery-delay", new ModelNode(200L));
        Broker.writeAddressSetting(WAREHOUSE, "redelivery-multiplier", new ModelNode(1.0));
        Broker.writeAddressSetting(WAREHOUSE, "max-redelivery-delay", new ModelNode(200L));
        String sku = Products.create("kill-switch", 100);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage =
                warehouse.stubFor(
                        post(urlPathMatching("/warehouse/.*"))
                                .atPriority(1)
                                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        List<String> behindTheSwitch = new ArrayList<>();
        try {
            switchTo(false);
            List<String> unprotected = place(sku, 2);
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () ->
                                    assertThat(unprotected)
                                            .allSatisfy(
                                                    order ->
                                                            assertThat(
                                                                            DeadLetterDesk.of(
                                                                                    order,
                                                                                    "warehouse"))
                                                                    .as(
                                                                            "without the switch, dead-lettered")
                                                                    .isPresent()));

            switchTo(true);
            behindTheSwitch.addAll(place(sku, 5));
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () -> {
                                JsonObject status = warehouseStatus();
                                assertThat(status.getBoolean("paused")).isTrue();
                                assertThat(status.getJsonObject("killSwitch").getString("state"))
                                        .isEqualTo("OPEN");
                                assertThat(
                                                status.getJsonObject("killSwitch")
                                                        .getInt("failedProbes"))
                                        .as("probes failed while the warehouse is away")
                                        .isGreaterThanOrEqualTo(2);
                            });
            assertThat(behindTheSwitch)
                    .allSatisfy(
                            order ->
                                    assertThat(DeadLetterDesk.of(order, "warehouse"))
                                            .as("behind the switch, not dead-lettered")
                                            .isEmpty());
            try (Browser ops = Browser.as(TestServices.OPS_USER, TestServices.opsPassword())) {
                ops.open("flow");
                ops.untilText(
                        "#flow-effects tr[data-effect='warehouse'] .delivery", "kill switch open");
                assertThat(ops.text("#flow-effects tr[data-effect='warehouse'] .delivery"))
                        .as("the page says what tripped it")
                        .contains("503");
                ops.screenshot("kill-switch");
            }

            // an operator pauses the email effect too; then the server is killed, and its
            // embedded broker with it
            Api.Reply emailPaused = Api.postJson("/ops/effects/email/pause", "", Api.asOps());
            assertThat(emailPaused.status()).as(emailPaused.body()).isEqualTo(200);
            List<String> mailedLater = place(sku, 2);
            behindTheSwitch.addAll(mailedLater);
            assertThat(Management.value("orderflow_effect_kill_switch_trips_total", ON_WAREHOUSE))
                    .isEqualTo(1);
            Processes.kill(server);
            long beforeTheRestart = fulfilmentRequests(warehouse);
            server =
                    wildFly.start(
                            properties,
                            ProcessBuilder.Redirect.appendTo(
                                    wildFly.base().resolve("console.log").toFile()));
            await().atMost(Duration.ofMinutes(3))
                    .ignoreExceptions()
                    .until(() -> Api.get("/products").status() == 200);

            // both pauses held: the switch opened again from the record and only its probes
            // reached the warehouse, still away; the operator's pause is the operator's
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () -> {
                                JsonObject status = warehouseStatus();
                                assertThat(status.getBoolean("paused")).isTrue();
                                assertThat(status.getJsonObject("killSwitch").getString("state"))
                                        .isEqualTo("OPEN");
                                assertThat(
                                                status.getJsonObject("killSwitch")
                                                        .getInt("failedProbes"))
                                        .isGreaterThanOrEqualTo(2);
                            });
            long reachedTheWarehouse = fulfilmentRequests(warehouse) - beforeTheRestart;
            int probes = warehouseStatus().getJsonObject("killSwitch").getInt("failedProbes");
            assertThat(reachedTheWarehouse)
                    .as("after the restart, the probes' requests only (%s failed)", probes)
                    .isLessThanOrEqualTo(probes + 1L);
            JsonObject emailFlow = flowOf("email");
            assertThat(emailFlow.getBoolean("paused")).isTrue();
            assertThat(emailFlow.getString("pausedBy")).isEqualTo(TestServices.OPS_USER);
            JsonObject warehouseFlow = flowOf("warehouse");
            assertThat(warehouseFlow.getString("pausedBy")).isEqualTo("kill switch");
            assertThat(warehouseFlow.getString("pauseReason")).contains("503");
            assertThat(Broker.messageCount(Effect.EMAIL.queue()))
                    .as("the mails wait")
                    .isGreaterThanOrEqualTo(mailedLater.size());
        } finally {
            warehouse.removeStub(outage);
        }

        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () ->
                                assertThat(behindTheSwitch)
                                        .allSatisfy(
                                                order ->
                                                        assertThat(
                                                                        Orders.effects(order)
                                                                                .getJsonObject(
                                                                                        "warehouse")
                                                                                .getString("state"))
                                                                .isEqualTo("DONE")));
        JsonObject status = warehouseStatus();
        assertThat(status.getBoolean("paused")).isFalse();
        assertThat(status.getJsonObject("killSwitch").getString("state")).isEqualTo("CLOSED");
        assertThat(flowOf("email").getBoolean("paused"))
                .as("the warehouse's probe resumed its own queue only")
                .isTrue();
        Api.Reply emailResumed = Api.postJson("/ops/effects/email/resume", "", Api.asOps());
        assertThat(emailResumed.status()).as(emailResumed.body()).isEqualTo(200);
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () ->
                                assertThat(behindTheSwitch)
                                        .allSatisfy(
                                                order ->
                                                        assertThat(
                                                                        Orders.effects(order)
                                                                                .getJsonObject(
                                                                                        "email")
                                                                                .getString("state"))
                                                                .isEqualTo("DONE")));
        assertThat(behindTheSwitch)
                .allSatisfy(
                        order -> {
                            assertThat(DeadLetterDesk.of(order, "warehouse")).isEmpty();
                            assertThat(acceptedFulfilments(warehouse, order))
                                    .as("fulfilled once")
                                    .isEqualTo(1);
                        });
        await().atMost(SEEN_WITHIN)
                .until(
                        () ->
                                Management.value("orderflow_effect_kill_switch_open", ON_WAREHOUSE)
                                        == 0);
    }

    private static void switchTo(boolean enabled) {
        Api.Reply reply =
                Api.postJson(
                        "/ops/effects/warehouse/kill-switch",
                        "{\"enabled\":" + enabled + "}",
                        Api.asOps());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("killSwitch").getBoolean("enabled"))
                .isEqualTo(enabled);
    }

    private static List<String> place(String sku, int orders) {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            placed.add(Orders.place(Orders.uniqueCustomer("kill-switch"), sku, "1"));
        }
        return placed;
    }

    private static JsonObject warehouseStatus() {
        Api.Reply reply = Api.get("/ops/effects", Api.asOps());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.jsonValue().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(effect -> effect.getString("effect").equals("warehouse"))
                .findFirst()
                .orElseThrow();
    }

    /** The effect as the operator's page shows it. */
    private static JsonObject flowOf(String effect) {
        Api.Reply reply = Api.get("/ops/flow", Api.asOps());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("effects").getValuesAs(JsonObject.class).stream()
                .filter(flow -> flow.getString("effect").equals(effect))
                .findFirst()
                .orElseThrow();
    }

    /** Every fulfilment request the warehouse was sent, whatever it answered. */
    private static long fulfilmentRequests(WireMockServer warehouse) {
        return warehouse.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .count();
    }

    /** The warehouse's fulfilment requests for the order that it answered with a 2xx. */
    private static long acceptedFulfilments(WireMockServer warehouse, String order) {
        return warehouse.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .filter(event -> event.getRequest().getBodyAsString().contains(order))
                .filter(event -> event.getResponse().getStatus() < 300)
                .count();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            Processes.stop(server, Duration.ofSeconds(60));
        }
    }
}
