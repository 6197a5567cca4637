package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Metrics;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.WarehouseAnswers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An effect takes the events waiting in its queue into one transaction, and a batch changes nothing
 * that one event at a time guarantees: an event the warehouse refuses for good, in the middle of a
 * backlog, rolls its batch back; it alone is dead-lettered, and its neighbours come back one at a
 * time, each applied once and in sequence with its cancellation.
 */
@ExtendWith(ArquillianExtension.class)
class BatchedEffectsIT {

    private static final int ORDERS = 24;
    private static final int REFUSED_AT = 12;

    @Test
    void
            a_refused_event_inside_a_batch_is_dead_lettered_alone_and_its_neighbours_are_applied_once_in_sequence() {
        String before = Metrics.scrape();
        long waitingBefore = Broker.messageCount(Effect.WAREHOUSE.queue());
        List<String> neighbours = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        String refused = null;
        StubMapping refusal = null;
        Api.Reply paused = Api.postJson("/ops/effects/warehouse/pause", "", Api.asOps());
        assertThat(paused.status()).as(paused.described()).isEqualTo(200);
        try {
            String product = Products.create("batched", ORDERS * 2);
            // the checker counts every order of a product, and the refused one is not checked
            String refusedProduct = Products.create("batched-refused", 2);
            for (int i = 0; i < ORDERS; i++) {
                String customer = Orders.uniqueCustomer("batched");
                if (i == REFUSED_AT) {
                    refusal = WarehouseAnswers.unknownAddress(customer);
                    refused = Orders.place(customer, refusedProduct, "1");
                } else {
                    neighbours.add(Orders.place(customer, product, "1"));
                }
            }
            // a cancellation right behind its order, in the same backlog: the batch must not
            // ship it before it knows, nor apply the two out of sequence
            for (String orderId : List.of(neighbours.get(3), neighbours.get(REFUSED_AT))) {
                Api.Reply cancel = Api.postJson("/orders/" + orderId + "/cancel", "");
                assertThat(cancel.status()).as(cancel.described()).isEqualTo(200);
                cancelled.add(orderId);
            }
            int events = ORDERS + cancelled.size();
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    Broker.messageCount(Effect.WAREHOUSE.queue())
                                            >= waitingBefore + events);
        } finally {
            Api.Reply resumed = Api.postJson("/ops/effects/warehouse/resume", "", Api.asOps());
            assertThat(resumed.status()).as(resumed.described()).isEqualTo(200);
        }
        try {
            String refusedOrder = refused;
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(DeadLetterDesk.of(refusedOrder, "warehouse"))
                                            .as("the refused event is on the desk")
                                            .isPresent());
            Checker.verifyEveryEffectOnce(neighbours, Duration.ofSeconds(90));
        } finally {
            WarehouseAnswers.remove(refusal);
        }

        for (String orderId : neighbours) {
            assertThat(DeadLetterDesk.of(orderId, "warehouse"))
                    .as("neighbour %s is not dead-lettered", orderId)
                    .isEmpty();
        }
        List<String> ids = neighbours.stream().map(id -> "'" + UUID.fromString(id) + "'").toList();
        String neighbourRows =
                "from effect_events where effect = 'WAREHOUSE' and order_id in ("
                        + String.join(",", ids)
                        + ")";
        assertThat(Database.number("select max(attempts) " + neighbourRows))
                .as("a neighbour spends at most the delivery its batch lost")
                .isLessThanOrEqualTo(2);
        assertThat(Database.number("select count(*) " + neighbourRows + " and attempts = 2"))
                .as("the refused event was inside a batch with neighbours, which rolled back")
                .isPositive();
        assertThat(
                        Database.number(
                                "select count(*) from effect_failures where effect = 'WAREHOUSE' and order_id in ("
                                        + String.join(",", ids)
                                        + ")"))
                .as("a neighbour's rollback is not its failure")
                .isZero();

        String after = Metrics.scrape();
        double applied =
                Metrics.grew(
                        before,
                        after,
                        "orderflow_effect_processed_total",
                        Map.of("effect", "warehouse"));
        double transactions =
                Metrics.grew(
                        before,
                        after,
                        "orderflow_effect_transactions_total",
                        Map.of("effect", "warehouse"));
        assertThat(applied).isGreaterThanOrEqualTo(neighbours.size() + cancelled.size());
        assertThat(transactions)
                .as("events applied %s in %s transactions: batches formed", applied, transactions)
                .isLessThan(applied);
    }
}
