package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A retry is never lost to the dead-letter watch: a hundred dead letters sent back from the desk by
 * several operators at once, while the watch (every 300 ms in the tests) browses the same queues
 * and records what it sees. Whether a delivery is to be dead-lettered is decided from the delivery
 * itself, so every retried event ends applied, once.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterRetryRaceIT {

    private static final int ORDERS = 100;
    private static final int OPERATORS = 8;

    @Test
    void a_hundred_retries_raced_against_the_watch_all_end_applied_once() {
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        String marker = "race-" + UUID.randomUUID().toString().substring(0, 8);
        StubMapping refusal =
                warehouse.stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(marker))
                                .willReturn(
                                        aResponse().withStatus(422).withBody("address unknown")));
        String sku = Products.create("race", ORDERS);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(Orders.place(Orders.uniqueCustomer(marker), sku, "1"));
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(lettersOf(orders)).hasSize(ORDERS));
        warehouse.removeStub(refusal);

        List<String> messageIds =
                lettersOf(orders).stream().map(letter -> letter.getString("messageId")).toList();
        ExecutorService operators = Executors.newFixedThreadPool(OPERATORS);
        try {
            List<CompletableFuture<Integer>> retried = new ArrayList<>();
            int share = (messageIds.size() + OPERATORS - 1) / OPERATORS;
            for (int i = 0; i < messageIds.size(); i += share) {
                List<String> selection =
                        messageIds.subList(i, Math.min(messageIds.size(), i + share));
                retried.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    Api.Reply reply = DeadLetterDesk.retry(selection);
                                    assertThat(reply.status()).as(reply.described()).isEqualTo(200);
                                    return reply.json().getInt("done");
                                },
                                operators));
            }
            assertThat(retried.stream().mapToInt(CompletableFuture::join).sum())
                    .as("dead letters sent back")
                    .isEqualTo(ORDERS);
        } finally {
            operators.shutdownNow();
        }

        Checker.verifyEveryEffectOnce(orders, Duration.ofMinutes(3));
        assertThat(lettersOf(orders)).as("none is dead-lettered again").isEmpty();
        for (String orderId : orders) {
            assertThat(
                            Database.number(
                                    "select count(*) from processed_messages where consumer = 'warehouse' and order_id = ?",
                                    UUID.fromString(orderId)))
                    .as(orderId + " applied once by the warehouse")
                    .isEqualTo(1);
        }
    }

    private static List<JsonObject> lettersOf(List<String> orders) {
        return DeadLetterDesk.listing()
                .getJsonArray("deadLetters")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(letter -> orders.contains(letter.getString("orderId", null)))
                .toList();
    }
}
