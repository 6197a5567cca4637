package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Faults;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per order and per effect, events are applied in sequence, also when attempts fail: a message
 * group does not hold an order's next event while a rolled-back one waits for its redelivery, so
 * the consumers do (an event that comes before its predecessor is applied is held and sent again
 * after it). The failures are real and transient, on every effect: the database refuses first
 * attempts, the mail server answers 451, the warehouse 503.
 */
@ExtendWith(ArquillianExtension.class)
class OrderingIT {

    private static final int ORDERS = 90;
    private static final int CLIENTS = 4;

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void a_cancellation_right_after_a_failed_fulfilment_never_ships_the_order() {
        WireMockServer warehouse = warehouse();
        String email = Orders.uniqueCustomer("ships-not");
        StubMapping outage =
                warehouse.stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(email))
                                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        String orderId = Orders.place(email, Products.create("ships-not", 1), "1");
        await().atMost(Duration.ofSeconds(30)).until(() -> fulfilmentsOf(email) >= 1);

        Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonObject effect = Orders.effects(orderId).getJsonObject("warehouse");
                            assertThat(effect.getString("state")).isEqualTo("WAITING");
                            assertThat(effect.getString("event")).isEqualTo("OrderCancelled");
                            assertThat(effect.getJsonObject("waitingFor").getString("event"))
                                    .isEqualTo("OrderPlaced");
                            assertThat(effect.getJsonObject("waitingFor").getString("state"))
                                    .isEqualTo("RETRYING");
                        });
        warehouse.removeStub(outage);

        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
    }

    @Test
    void
            orders_placed_and_cancelled_by_several_clients_are_applied_in_sequence_by_every_effect_despite_failures() {
        Random random = new Random();
        List<String> skus =
                List.of(
                        Products.create("ordering-a", 10_000),
                        Products.create("ordering-b", 10_000));
        List<StubMapping> warehouseFaults = new ArrayList<>();
        Faults.refuseFirstInboxAttempts(3);
        TestServices.services()
                .mail()
                .refuseFirstDeliveryOf(messageId -> Math.abs(messageId.hashCode()) % 3 == 0);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<String> orders;
        try {
            orders =
                    IntStream.range(0, ORDERS)
                            .mapToObj(
                                    i -> {
                                        String email = Orders.uniqueCustomer("fickle");
                                        if (i % 3 == 0) {
                                            warehouseFaults.addAll(
                                                    refuseFirstWarehouseCalls(email));
                                        }
                                        boolean cancel = random.nextInt(4) != 0;
                                        String[] lines =
                                                random.nextBoolean()
                                                        ? new String[] {
                                                            skus.get(0), "1", skus.get(1), "2"
                                                        }
                                                        : new String[] {skus.get(1), "1"};
                                        return CompletableFuture.supplyAsync(
                                                () -> {
                                                    String orderId = Orders.place(email, lines);
                                                    if (cancel) {
                                                        Api.Reply cancelled =
                                                                Api.postJson(
                                                                        "/orders/"
                                                                                + orderId
                                                                                + "/cancel",
                                                                        "");
                                                        assertThat(cancelled.status())
                                                                .as(cancelled.body())
                                                                .isEqualTo(200);
                                                    }
                                                    return orderId;
                                                },
                                                clients);
                                    })
                            .toList()
                            .stream()
                            .map(CompletableFuture::join)
                            .toList();
            Checker.verifyEveryEffectOnce(orders, Duration.ofMinutes(4));
        } finally {
            clients.shutdownNow();
            Faults.stopRefusingInboxAttempts();
            TestServices.services().mail().refuseFirstDeliveryOf(messageId -> false);
            warehouseFaults.forEach(warehouse()::removeStub);
        }

        String[] ids = orders.toArray(String[]::new);
        String theirEvents = "select event_id from effect_events where order_id::text = any (?)";
        long refusedByTheDatabase = Faults.refusedInboxAttempts(theirEvents, (Object) ids);
        long heldForTheirPredecessor =
                Database.number(
                        "select count(*) from effect_events where order_id::text = any (?) and held_at is not null",
                        (Object) ids);
        System.out.printf(
                "ordering: %d orders, %d first attempts refused by the database, %d first mails refused (451), "
                        + "%d events held until their predecessor was applied%n",
                orders.size(),
                refusedByTheDatabase,
                TestServices.services().mail().refusedDeliveries(),
                heldForTheirPredecessor);
        assertThat(refusedByTheDatabase).as("failures were injected").isPositive();
        assertThat(TestServices.services().mail().refusedDeliveries())
                .as("mails were refused")
                .isPositive();
        assertThat(
                        Database.number(
                                "select count(*) from effect_failures where order_id::text = any (?) and effect = 'WAREHOUSE'",
                                (Object) ids))
                .as("warehouse calls failed")
                .isPositive();
        assertThat(heldForTheirPredecessor)
                .as("events arrived before their predecessor and were held")
                .isPositive();
    }

    /**
     * The customer's first fulfilment and first cancellation calls are answered 503, the next ones
     * as usual.
     */
    private static List<StubMapping> refuseFirstWarehouseCalls(String email) {
        List<StubMapping> stubs = new ArrayList<>();
        for (String path :
                List.of("/warehouse/fulfilments", "/warehouse/fulfilments/[^/]+/cancellation")) {
            String scenario = "first call refused " + path + " " + email;
            stubs.add(
                    warehouse()
                            .stubFor(
                                    post(urlPathMatching(path))
                                            .atPriority(1)
                                            .withRequestBody(containing(email))
                                            .inScenario(scenario)
                                            .whenScenarioStateIs(Scenario.STARTED)
                                            .willSetStateTo("refused once")
                                            .willReturn(
                                                    aResponse().withStatus(503).withBody("busy"))));
        }
        return stubs;
    }

    private static long fulfilmentsOf(String email) {
        return warehouse().getAllServeEvents().stream()
                .filter(call -> call.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .filter(call -> call.getRequest().getBodyAsString().contains(email))
                .count();
    }

    private static WireMockServer warehouse() {
        return TestServices.services().warehouse().wireMock();
    }
}
