package io.orderflow.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The ordering proof's load: several clients place orders for two products and cancel most of them
 * at once, while every effect fails on first attempts for real (the database refuses first inbox
 * claims, the mail server answers 451 to some first deliveries, the warehouse 503 to a third of the
 * customers' first calls). Then every effect of every order must have been applied once and in
 * sequence, and the failures must have happened, events held for their predecessor among them.
 */
public final class FickleOrders {

    private FickleOrders() {}

    public static void placeCancelAndVerifyInSequence(int count, int clientCount) {
        // a run's choices come again with -Dorderflow.it.fickle.seed=<the seed it printed>
        long seed = Long.getLong("orderflow.it.fickle.seed", System.nanoTime());
        System.out.printf("fickle orders: seed %d%n", seed);
        Random random = new Random(seed);
        List<String> skus =
                List.of(
                        Products.create("ordering-a", 10_000),
                        Products.create("ordering-b", 10_000));
        List<StubMapping> warehouseFaults = new ArrayList<>();
        Faults.refuseFirstInboxAttempts(3);
        TestServices.services()
                .mail()
                .refuseFirstDeliveryOf(messageId -> Math.abs(messageId.hashCode()) % 3 == 0);
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        List<String> orders;
        try {
            orders =
                    IntStream.range(0, count)
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
                                                () -> placeAndMaybeCancel(email, lines, cancel),
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
        assertFailuresHappened(orders);
    }

    private static String placeAndMaybeCancel(String email, String[] lines, boolean cancel) {
        String orderId = Orders.place(email, lines);
        if (cancel) {
            Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");
            assertThat(cancelled.status()).as(cancelled.described()).isEqualTo(200);
        }
        return orderId;
    }

    private static void assertFailuresHappened(List<String> orders) {
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

    private static WireMockServer warehouse() {
        return TestServices.services().warehouse().wireMock();
    }
}
