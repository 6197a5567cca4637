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
 * trip.
 */
class KillSwitchIT {

    private static final String WAREHOUSE = Effect.WAREHOUSE.queue();
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(60);

    private final WildFlyServer wildFly =
            new WildFlyServer(
                    Path.of(System.getProperty("orderflow.wildfly.home")),
                    Path.of(System.getProperty("orderflow.it.kill-switch.base")));
    private Process server;

    @Test
    void the_switch_keeps_a_long_warehouse_outage_out_of_the_dead_letter_queue() throws Exception {
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
        assertThat(behindTheSwitch)
                .allSatisfy(
                        order -> {
                            assertThat(DeadLetterDesk.of(order, "warehouse")).isEmpty();
                            assertThat(acceptedFulfilments(warehouse, order))
                                    .as("fulfilled once")
                                    .isEqualTo(1);
                        });
        Map<String, String> onWarehouse = Map.of("effect", "warehouse");
        assertThat(Management.value("orderflow_effect_kill_switch_trips_total", onWarehouse))
                .isEqualTo(1);
        await().atMost(SEEN_WITHIN)
                .until(
                        () ->
                                Management.value("orderflow_effect_kill_switch_open", onWarehouse)
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
