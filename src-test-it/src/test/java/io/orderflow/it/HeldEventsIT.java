package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.events.EventPublisher;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Browser;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Metrics;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An order's cancellation waits behind its OrderPlaced, which an operator purges from the paused
 * warehouse queue through the broker's management: the cancellation arrives, is held for a
 * predecessor that will never come, and shows: in the list of held events, in the metrics, in the
 * health check (degraded, held past the test server's 5 s) and on the operator's page. Staff may
 * not let it go; an operator releases one from the page (it is applied, its predecessor given up)
 * and discards the other through the API, each with a reason the audit log keeps; a second try is a
 * 404.
 */
@ExtendWith(ArquillianExtension.class)
class HeldEventsIT {

    private static final String WAREHOUSE = Effect.WAREHOUSE.queue();
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(30);

    @Test
    void a_cancellation_held_for_a_purged_predecessor_is_shown_and_let_go_by_an_operator()
            throws IOException {
        String sku = Products.create("held", 10);
        long waitingBefore = Broker.messageCount(WAREHOUSE);
        String released;
        String discarded;
        pause(true);
        try {
            released = Orders.place(Orders.uniqueCustomer("held"), sku, "1");
            discarded = Orders.place(Orders.uniqueCustomer("held"), sku, "1");
            for (String order : List.of(released, discarded)) {
                Api.Reply cancel = Api.postJson("/orders/" + order + "/cancel", "{}");
                assertThat(cancel.status()).as(cancel.described()).isEqualTo(200);
            }
            await().atMost(SEEN_WITHIN)
                    .until(() -> Broker.messageCount(WAREHOUSE) >= waitingBefore + 4);
            for (String order : List.of(released, discarded)) {
                assertThat(purgeOrderPlaced(order)).as("purged").isEqualTo(1);
            }
        } finally {
            pause(false);
        }
        await().atMost(SEEN_WITHIN)
                .until(
                        () ->
                                "WAITING".equals(stateOf(released, 2))
                                        && "WAITING".equals(stateOf(discarded, 2)));

        assertThat(heldList())
                .filteredOn(
                        event -> List.of(released, discarded).contains(event.getString("orderId")))
                .hasSize(2)
                .allSatisfy(
                        event -> {
                            assertThat(event.getString("effect")).isEqualTo("warehouse");
                            assertThat(event.getInt("sequence")).isEqualTo(2);
                            assertThat(event.getString("eventType")).isEqualTo("OrderCancelled");
                            assertThat(event.getString("predecessor")).isEqualTo("PENDING");
                        });
        Map<String, String> onWarehouse = Map.of("effect", "warehouse");
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () -> {
                            assertThat(Metrics.value("orderflow_effect_held_events", onWarehouse))
                                    .isGreaterThanOrEqualTo(2);
                            assertThat(
                                            Metrics.value(
                                                    "orderflow_effect_held_oldest_seconds",
                                                    onWarehouse))
                                    .isGreaterThanOrEqualTo(5);
                            Management.Health health = Management.ready();
                            JsonObject backlog = health.check("backlog").getJsonObject("data");
                            assertThat(backlog.getBoolean("degraded")).isTrue();
                            assertThat(backlog.getString("reason"))
                                    .containsPattern("[0-9]+ events of warehouse held");
                        });
        JsonObject flow =
                Api.get("/ops/flow", Api.asStaff())
                        .json()
                        .getJsonArray("effects")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(effect -> effect.getString("effect").equals("warehouse"))
                        .findFirst()
                        .orElseThrow();
        assertThat(flow.getJsonNumber("heldEvents").longValue()).isGreaterThanOrEqualTo(2);
        assertThat(flow.getString("oldestHeldAt")).isNotBlank();

        String reason = "OrderPlaced purged by mistake " + UUID.randomUUID();
        Api.Reply byStaff = letGo("release", released, reason, Api.asStaff());
        assertThat(byStaff.status()).as(byStaff.body()).isEqualTo(403);
        Api.Reply noReason = letGo("release", released, " ", Api.asOps());
        assertThat(noReason.status()).as(noReason.described()).isEqualTo(400);
        assertThat(noReason.header("Content-Type")).startsWith("application/problem+json");

        // the operator's page shows them and releases one, asking why
        try (Browser ops = Browser.as(TestServices.OPS_USER, TestServices.opsPassword())) {
            ops.open("flow");
            String row = "#held-events tr[data-order='" + released + "'] ";
            ops.untilText(row, "OrderCancelled");
            assertThat(ops.text(row)).contains("warehouse").contains("pending");
            assertThat(Long.parseLong(ops.text("#flow-effects tr[data-effect='warehouse'] .held")))
                    .isGreaterThanOrEqualTo(2);
            ops.screenshot("held-events");
            ops.click(row + "button");
            ops.click("#confirm-ok");
            ops.untilText("#confirm-error", "Please say why");
            ops.find("#confirm-text").sendKeys(reason);
            ops.click("#confirm-ok");
            ops.untilText("#notice", "Released OrderCancelled of warehouse");
        }
        Api.Reply discard = letGo("discard", discarded, reason, Api.asOps());
        assertThat(discard.status()).as(discard.body()).isEqualTo(200);
        Api.Reply again = letGo("release", released, reason, Api.asOps());
        assertThat(again.status()).as(again.body()).isEqualTo(404);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");

        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () -> {
                            assertThat(stateOf(released, 1)).isEqualTo("DISCARDED");
                            assertThat(stateOf(released, 2)).isEqualTo("DONE");
                        });
        assertThat(stateOf(discarded, 1)).isEqualTo("PENDING");
        assertThat(stateOf(discarded, 2)).isEqualTo("DISCARDED");
        assertThat(heldList())
                .noneMatch(
                        event -> List.of(released, discarded).contains(event.getString("orderId")));
        List<JsonObject> audit =
                Api.get("/ops/dead-letters/audit", Api.asStaff())
                        .jsonValue()
                        .asJsonArray()
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(line -> reason.equals(line.getString("reason", null)))
                        .toList();
        assertThat(audit)
                .extracting(line -> line.getString("action") + " " + line.getString("orderId"))
                .containsExactlyInAnyOrder("RELEASE_HELD " + released, "DISCARD_HELD " + discarded);
    }

    /** The operator's purge: the order's OrderPlaced removed from the queue through management. */
    private static long purgeOrderPlaced(String order) {
        return Broker.removeMessages(
                WAREHOUSE,
                "_AMQ_GROUP_ID = '"
                        + EventPublisher.groupOf(order)
                        + "' AND eventType = 'OrderPlaced'");
    }

    private static String stateOf(String order, int sequence) {
        return Database.text(
                "select state from effect_events where order_id = ? and effect = 'WAREHOUSE' and seq = ?",
                UUID.fromString(order),
                sequence);
    }

    private static List<JsonObject> heldList() {
        Api.Reply list = Api.get("/ops/held-events", Api.asStaff());
        assertThat(list.status()).as(list.described()).isEqualTo(200);
        return list.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }

    private static Api.Reply letGo(String act, String order, String reason, String[] caller) {
        return Api.postJson(
                "/ops/held-events/" + act,
                "{\"effect\":\"warehouse\",\"orderId\":\""
                        + order
                        + "\",\"sequence\":2,\"reason\":\""
                        + reason
                        + "\"}",
                caller);
    }

    private static void pause(boolean pausing) {
        Api.Reply reply =
                Api.postJson(
                        "/ops/effects/warehouse/" + (pausing ? "pause" : "resume"),
                        "{}",
                        Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
    }
}
