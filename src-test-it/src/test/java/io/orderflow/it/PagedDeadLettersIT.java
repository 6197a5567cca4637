package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dead-letter queue big enough to page to disk. The broker applies a consumer's selector only to
 * the messages it holds in memory, so the letters paged behind the others are out of a selector's
 * reach; the desk still shows, retries and discards every one of them, the oldest and the newest
 * alike.
 */
@ExtendWith(ArquillianExtension.class)
class PagedDeadLettersIT {

    private static final String DEAD_LETTERS = "DLQ.order.effects.warehouse";

    private static final String SETTING = "DLQ.order.effects.#";

    private static final int ORDERS = 80;

    /**
     * The shipped cap (16 MiB) and read-ahead (2 MiB, twice a page) scaled down by the same
     * measure: what tens of thousands of letters do to the shipped queue, eighty do to this one.
     */
    private static final Map<String, ModelNode> SMALL =
            Map.of(
                    "max-size-bytes", new ModelNode(16L * 1024),
                    "page-size-bytes", new ModelNode(4 * 1024),
                    "max-read-page-bytes", new ModelNode(4 * 1024));

    @Test
    void every_letter_of_a_paged_dead_letter_queue_can_be_retried_or_discarded() {
        Map<String, ModelNode> shipped = new LinkedHashMap<>();
        SMALL.forEach(
                (attribute, value) -> {
                    shipped.put(attribute, Broker.readAddressSetting(SETTING, attribute));
                    Broker.writeAddressSetting(SETTING, attribute, value);
                });
        try {
            // a customer of their own for each order (the checker finds each order by its
            // customer), all of them refused by the warehouse
            String customers = "paged-" + UUID.randomUUID().toString().substring(0, 8);
            StubMapping refusal = WarehouseAnswers.unknownAddress(customers);
            String sku = Products.create("paged-dead-letters", ORDERS);
            // the discarded order has a product of its own: the checker sums up whole products
            String discardedSku = Products.create("paged-discarded", 1);
            List<String> orders =
                    IntStream.range(0, ORDERS)
                            .mapToObj(
                                    i ->
                                            Orders.place(
                                                    Orders.uniqueCustomer(customers),
                                                    i == ORDERS / 2 ? discardedSku : sku,
                                                    "1"))
                            .toList();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> lettersOf(orders).size() == ORDERS);
            assertThat(Broker.pages(DEAD_LETTERS))
                    .as("the dead-letter queue pages to disk")
                    .isGreaterThan(1);
            WarehouseAnswers.remove(refusal);

            Map<String, String> letters = lettersOf(orders);
            String oldest = orders.get(0);
            String newest = orders.get(ORDERS - 1);
            String discarded = orders.get(ORDERS / 2);
            for (String order : List.of(newest, oldest)) {
                Api.Reply retried = DeadLetterDesk.retry(List.of(letters.get(order)));
                assertThat(retried.status()).as(retried.described()).isEqualTo(200);
                assertThat(retried.json().getInt("done")).as(order).isEqualTo(1);
            }
            Api.Reply gone =
                    DeadLetterDesk.discard(
                            List.of(letters.get(discarded)), "customer moved abroad");
            assertThat(gone.status()).as(gone.body()).isEqualTo(200);
            assertThat(gone.json().getInt("done")).isEqualTo(1);
            Orders.awaitAllDone(newest);
            Orders.awaitAllDone(oldest);

            List<String> rest =
                    orders.stream()
                            .filter(order -> !List.of(newest, oldest, discarded).contains(order))
                            .toList();
            Api.Reply retried = DeadLetterDesk.retry(rest.stream().map(letters::get).toList());
            assertThat(retried.status()).as(retried.described()).isEqualTo(200);
            assertThat(retried.json().getInt("done")).isEqualTo(rest.size());

            List<String> fulfilled =
                    orders.stream().filter(order -> !order.equals(discarded)).toList();
            Checker.verifyEveryEffectOnce(fulfilled, Duration.ofMinutes(2));
            assertThat(fulfilled)
                    .allSatisfy(
                            order ->
                                    assertThat(Downstreams.fulfilmentRequests(order)).isEqualTo(2));
            assertThat(Orders.effects(discarded).getJsonObject("warehouse").getString("state"))
                    .isEqualTo("DISCARDED");
            assertThat(lettersOf(orders)).as("nothing left on the desk").isEmpty();
        } finally {
            shipped.forEach(
                    (attribute, value) -> Broker.writeAddressSetting(SETTING, attribute, value));
        }
    }

    /** The desk's letter of each order's warehouse event, by order. */
    private static Map<String, String> lettersOf(List<String> orders) {
        List<JsonObject> listed =
                DeadLetterDesk.listing().getJsonArray("deadLetters").getValuesAs(JsonObject.class);
        return orders.stream()
                .map(
                        order ->
                                listed.stream()
                                        .filter(
                                                letter ->
                                                        order.equals(
                                                                        letter.getString(
                                                                                "orderId", null))
                                                                && "warehouse"
                                                                        .equals(
                                                                                letter.getString(
                                                                                        "source")))
                                        .findFirst()
                                        .map(
                                                letter ->
                                                        Map.entry(
                                                                order,
                                                                letter.getString("messageId"))))
                .flatMap(Optional::stream)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
