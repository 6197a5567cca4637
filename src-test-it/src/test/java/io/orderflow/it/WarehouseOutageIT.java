package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.ServerLog;
import io.orderflow.it.support.TestServices;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The warehouse answers 503 for a while. Its effect is redelivered with the broker's backoff (the
 * delays between attempts, as the warehouse saw them, follow the policy artemis-config states: so
 * the max-redelivery-delay=0 trap cannot come back unnoticed), nothing is dead-lettered, and once
 * the warehouse recovers everything completes once. The failures are logged without the orders' ids
 * (nor any other order's, nor any Idempotency-Key, whatever ran on the server before).
 */
@ExtendWith(ArquillianExtension.class)
class WarehouseOutageIT {

    private static final int ATTEMPTS_OBSERVED = 4;

    @Test
    void an_outage_is_ridden_out_with_the_policys_backoff_and_every_order_completes_once() {
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        Map<Effect, Long> deadBefore = Checker.deadLetters();
        ModelNode policy = Broker.resolveAddressSetting(Effect.WAREHOUSE.queue());
        StubMapping outage =
                warehouse.stubFor(
                        post(urlPathMatching("/warehouse/.*"))
                                .atPriority(1)
                                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        List<String> orders;
        try {
            String book = Products.create("outage", 3);
            orders =
                    List.of(
                            Orders.place(Orders.uniqueCustomer("outage"), book, "1"),
                            Orders.place(Orders.uniqueCustomer("outage"), book, "1"),
                            Orders.place(Orders.uniqueCustomer("outage"), book, "1"));
            String first = orders.get(0);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(attemptsSeenBy(warehouse, first))
                                            .hasSizeGreaterThanOrEqualTo(ATTEMPTS_OBSERVED));

            List<ServeEvent> attempts = attemptsSeenBy(warehouse, first);
            long delay = policy.get("redelivery-delay").asLong();
            double multiplier = policy.get("redelivery-multiplier").asDouble();
            long maxDelay = policy.get("max-redelivery-delay").asLong();
            for (int i = 1; i < ATTEMPTS_OBSERVED; i++) {
                long expected = Math.min((long) (delay * Math.pow(multiplier, i - 1)), maxDelay);
                long seen =
                        attempts.get(i).getRequest().getLoggedDate().getTime()
                                - attempts.get(i - 1).getRequest().getLoggedDate().getTime();
                System.out.printf(
                        "warehouse attempt %d came %d ms after the one before (policy: %d ms)%n",
                        i + 1, seen, expected);
                assertThat(seen)
                        .as("gap before attempt " + (i + 1))
                        .isBetween((long) (expected * 0.8), (long) (expected * 1.25) + 750);
            }
            assertThat(Orders.effects(first).getJsonObject("warehouse").getString("state"))
                    .isEqualTo("RETRYING");
        } finally {
            warehouse.removeStub(outage);
        }

        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(orders, Duration.ofSeconds(90));
        assertThat(external.duplicateWebhooks()).isZero();
        assertThat(Checker.deadLetters()).isEqualTo(deadBefore);

        String log = ServerLog.text();
        assertThat(log)
                .as("the failed deliveries are logged, the order named by its first characters")
                .contains("of order " + orders.get(0).substring(0, 8) + "…");
        assertThat(ServerLog.capabilitiesIn(log))
                .as("order ids and Idempotency-Keys spelled out in server.log")
                .isEmpty();
    }

    private static List<ServeEvent> attemptsSeenBy(WireMockServer warehouse, String orderId) {
        return warehouse.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .filter(event -> event.getRequest().getBodyAsString().contains(orderId))
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .toList();
    }
}
