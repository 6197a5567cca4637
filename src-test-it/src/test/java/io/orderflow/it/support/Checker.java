package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.orderflow.effects.Effect;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checker the failure proofs share. Given the orders that got a 201, it waits for every effect
 * of every order's latest event, then checks what each effect produced against what the orders ask
 * for: stock held and allocated, units and revenue sold, co-purchase counts, the order found in the
 * search index with its status, voids for the cancelled ones; that every effect applied an order's
 * OrderPlaced before its OrderCancelled (the inbox, the mail server's and the warehouse's
 * journals); that the effect queues are empty. It counts what reached the external services, which
 * are at-least-once by design. Sums per SKU are only meaningful when the orders are all the orders
 * of their SKUs, so the checker insists on it: give it orders of products the test made ({@link
 * Products}).
 */
public final class Checker {

    /**
     * Within how long a stock hold no order took over goes back: the test servers' lapse (15 s) and
     * sweep (2 s), and some slack.
     */
    private static final Duration HOLDS_LAPSE = Duration.ofSeconds(45);

    /**
     * What reached the mail server and the warehouse, per order: more than one of a kind is a
     * duplicate.
     */
    public record ExternalCounts(
            Map<String, Long> mailsPerOrder, Map<String, Long> acceptedWebhooksPerOrder) {

        public long duplicateMails() {
            return mailsPerOrder.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        }

        public long duplicateWebhooks() {
            return acceptedWebhooksPerOrder.values().stream()
                    .filter(n -> n > 1)
                    .mapToLong(n -> n - 1)
                    .sum();
        }
    }

    /** An order as the API shows it once its effects are done. */
    private record Placed(
            String id,
            UUID uuid,
            String email,
            boolean cancelled,
            Map<String, Integer> quantities,
            Map<String, BigDecimal> prices) {}

    private Checker() {}

    /** Waits until every effect of every order is DONE, then checks each effect's outcome. */
    public static ExternalCounts verifyEveryEffectOnce(
            Collection<String> orderIds, Duration within) {
        await().atMost(within)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            for (String orderId : orderIds) {
                                JsonObject effects = Orders.effects(orderId);
                                for (String effect : Orders.EFFECTS) {
                                    assertThat(effects.getJsonObject(effect).getString("state"))
                                            .as(orderId + " " + effect)
                                            .isEqualTo("DONE");
                                }
                            }
                        });
        List<Placed> orders = orderIds.stream().map(Checker::placed).toList();
        assertTheyAreAllTheOrdersOfTheirProducts(orders);
        assertStockHeldAndAllocated(orders);
        assertSalesCounted(orders);
        assertCoPurchasesCounted(orders);
        assertIndexed(orders);
        assertAppliedInSequence(orders);
        assertPaymentsSettled(orders);
        assertEffectQueuesEmpty();
        ExternalCounts external = externalCounts(orders);
        assertThat(external.mailsPerOrder().values())
                .as("every order's mail arrived")
                .allMatch(n -> n >= 1);
        assertThat(external.acceptedWebhooksPerOrder().values())
                .as("every order's webhook was accepted")
                .allMatch(n -> n >= 1);
        System.out.printf(
                "checker: %d orders (%d cancelled), %d duplicate mails, %d duplicate accepted webhooks%n",
                orders.size(),
                orders.stream().filter(Placed::cancelled).count(),
                external.duplicateMails(),
                external.duplicateWebhooks());
        return external;
    }

    /**
     * Recovery settles every transaction the database, and each standalone broker given, still
     * holds prepared: a message consumed in a transaction its broker prepared as it died stays out
     * of every consumer's reach on the backup until its coordinator's recovery rolls it back.
     */
    public static void awaitNoTransactionInDoubt(Duration atMost, BrokerConsole... brokers) {
        await().atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            assertThat(Database.preparedTransactions())
                                    .as("in-doubt transactions in PostgreSQL")
                                    .isZero();
                            for (BrokerConsole broker : brokers) {
                                assertThat(broker.preparedTransactions())
                                        .as("in-doubt transactions on %s", broker.broker().url())
                                        .isEmpty();
                            }
                        });
    }

    /**
     * Waits until the authorizations the payment service holds beyond {@code before} are exactly
     * those of the orders whose customer's address starts with {@code customers}: a checkout that
     * failed, or died with its server, left none standing (its void may take until the abandoned
     * attempts are swept, about 90 s).
     */
    public static void assertAuthorizationsStandingAreTheOrders(
            Set<String> before, String customers) {
        awaitAuthorizationsStanding(
                before,
                new HashSet<>(
                        Database.texts(
                                "select payment_authorization from orders where customer_email like ?",
                                customers + "%")));
    }

    /**
     * Waits until the authorizations the payment service holds beyond {@code before} are exactly
     * the ones expected: every other one voided.
     */
    public static void awaitAuthorizationsStanding(Set<String> before, Set<String> expected) {
        await().atMost(Duration.ofMinutes(3))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            Set<String> standing = Downstreams.authorizationsStanding();
                            standing.removeAll(before);
                            assertThat(standing)
                                    .as(
                                            "authorizations left standing: those of the recorded orders, no other")
                                    .containsExactlyInAnyOrderElementsOf(expected);
                        });
    }

    /**
     * Waits until the effect queues are empty: a redelivery still scheduled is acknowledged once it
     * comes, up to 30 s later (the effects' longest redelivery delay), so the wait is longer. Asks
     * the application, which asks the broker it uses, embedded or the pair.
     */
    public static void assertEffectQueuesEmpty() {
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            Api.Reply effects = Api.get("/ops/effects", Api.asOps());
                            assertThat(effects.status()).as(effects.body()).isEqualTo(200);
                            for (JsonObject effect :
                                    effects.jsonValue()
                                            .asJsonArray()
                                            .getValuesAs(JsonObject.class)) {
                                assertThat(effect.getJsonNumber("waiting").longValue())
                                        .as(effect.getString("effect"))
                                        .isZero();
                            }
                        });
    }

    /** Messages now in each dead-letter queue. */
    public static Map<Effect, Long> deadLetters() {
        return List.of(Effect.values()).stream()
                .collect(
                        Collectors.toMap(
                                Function.identity(), e -> Broker.messageCount("DLQ." + e.queue())));
    }

    private static Placed placed(String orderId) {
        Api.Reply reply = Api.get("/orders/" + orderId);
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        JsonObject order = reply.json();
        Map<String, Integer> quantities = new HashMap<>();
        Map<String, BigDecimal> prices = new HashMap<>();
        order.getJsonArray("lines")
                .getValuesAs(JsonObject.class)
                .forEach(
                        line -> {
                            quantities.put(line.getString("sku"), line.getInt("quantity"));
                            prices.put(
                                    line.getString("sku"),
                                    line.getJsonNumber("unitPrice").bigDecimalValue());
                        });
        return new Placed(
                orderId,
                UUID.fromString(orderId),
                order.getString("customerEmail"),
                order.getString("status").equals("CANCELLED"),
                quantities,
                prices);
    }

    private static void assertTheyAreAllTheOrdersOfTheirProducts(List<Placed> orders) {
        Map<String, Long> ordersPerSku =
                orders.stream()
                        .flatMap(o -> o.quantities().keySet().stream())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        ordersPerSku.forEach(
                (sku, count) ->
                        assertThat(
                                        Database.number(
                                                "select count(distinct order_id) from order_lines where sku = ?",
                                                sku))
                                .as(
                                        "orders of "
                                                + sku
                                                + " (the checker needs every order of the products it sums up)")
                                .isEqualTo(count));
    }

    /**
     * Stock held by a checkout that never made its order (the server died in between) goes back
     * when the hold lapses; then the stock held is exactly the placed orders'.
     */
    private static void assertStockHeldAndAllocated(List<Placed> orders) {
        await().atMost(HOLDS_LAPSE)
                .untilAsserted(
                        () ->
                                assertThat(
                                                skus(orders).stream()
                                                        .mapToLong(
                                                                sku ->
                                                                        Database.number(
                                                                                "select count(*) from stock_holds where sku = ?",
                                                                                sku))
                                                        .sum())
                                        .as("stock holds no order took over, not yet given back")
                                        .isZero());
        skus(orders)
                .forEach(
                        sku ->
                                assertThat(Products.reserved(sku))
                                        .as("stock of " + sku + " held by its placed orders")
                                        .isEqualTo(
                                                orders.stream()
                                                        .filter(o -> !o.cancelled())
                                                        .mapToLong(
                                                                o ->
                                                                        o.quantities()
                                                                                .getOrDefault(
                                                                                        sku, 0))
                                                        .sum()));
        for (Placed order : orders) {
            order.quantities()
                    .forEach(
                            (sku, quantity) ->
                                    assertThat(
                                                    Database.number(
                                                            "select count(*) from stock_allocations where order_id = ? and sku = ? and quantity = ? and state = ?",
                                                            order.uuid(),
                                                            sku,
                                                            quantity,
                                                            order.cancelled()
                                                                    ? "RELEASED"
                                                                    : "ALLOCATED"))
                                            .as(
                                                    order.id()
                                                            + " "
                                                            + sku
                                                            + " allocated"
                                                            + (order.cancelled()
                                                                    ? " and released"
                                                                    : ""))
                                            .isEqualTo(1));
        }
    }

    private static void assertSalesCounted(List<Placed> orders) {
        skus(orders)
                .forEach(
                        sku -> {
                            long units =
                                    orders.stream()
                                            .filter(o -> !o.cancelled())
                                            .mapToLong(o -> o.quantities().getOrDefault(sku, 0))
                                            .sum();
                            BigDecimal revenue =
                                    orders.stream()
                                            .filter(
                                                    o ->
                                                            !o.cancelled()
                                                                    && o.quantities()
                                                                            .containsKey(sku))
                                            .map(
                                                    o ->
                                                            o.prices()
                                                                    .get(sku)
                                                                    .multiply(
                                                                            BigDecimal.valueOf(
                                                                                    o.quantities()
                                                                                            .get(
                                                                                                    sku))))
                                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                            assertThat(
                                            Database.number(
                                                    "select coalesce(sum(units), 0) from sku_sales where sku = ?",
                                                    sku))
                                    .as("units of " + sku + " sold, cancellations taken back")
                                    .isEqualTo(units);
                            assertThat(
                                            Database.decimal(
                                                    "select coalesce(sum(revenue), 0) from sku_sales where sku = ?",
                                                    sku))
                                    .as("revenue of " + sku)
                                    .isEqualByComparingTo(revenue);
                        });
    }

    private static void assertCoPurchasesCounted(List<Placed> orders) {
        Map<List<String>, Long> pairs = new HashMap<>();
        for (Placed order : orders) {
            List<String> skus = order.quantities().keySet().stream().sorted().toList();
            for (int i = 0; i < skus.size(); i++) {
                for (int j = i + 1; j < skus.size(); j++) {
                    pairs.merge(List.of(skus.get(i), skus.get(j)), 1L, Long::sum);
                }
            }
        }
        pairs.forEach(
                (pair, times) ->
                        assertThat(
                                        Database.number(
                                                "select count(*) from co_purchases_seen "
                                                        + "where sku_a = ? and sku_b = ?",
                                                pair.get(0),
                                                pair.get(1)))
                                .as("bought together: " + pair)
                                .isEqualTo(times));
    }

    /**
     * The index itself, through the search API: the order is found, with the status its last event
     * gave it.
     */
    private static void assertIndexed(List<Placed> orders) {
        for (Placed order : orders) {
            List<JsonObject> hits =
                    Api.get("/search?q=" + order.email() + "&limit=100", Api.asOps())
                            .json()
                            .getJsonArray("hits")
                            .getValuesAs(JsonObject.class)
                            .stream()
                            .filter(hit -> hit.getString("orderId").equals(order.id()))
                            .toList();
            assertThat(hits).as(order.id() + " in the search index").hasSize(1);
            assertThat(hits.get(0).getString("status"))
                    .as(order.id() + " status in the index")
                    .isEqualTo(order.cancelled() ? "CANCELLED" : "PLACED");
        }
    }

    /**
     * For every cancelled order and every effect, OrderPlaced was applied before OrderCancelled:
     * the inbox says when each consumer applied each event; the mail server and the warehouse say
     * in which order they received them.
     */
    private static void assertAppliedInSequence(List<Placed> orders) {
        List<ServeEvent> warehouse =
                TestServices.services().warehouse().wireMock().getAllServeEvents();
        for (Placed order : orders.stream().filter(Placed::cancelled).toList()) {
            for (Effect effect : Effect.values()) {
                assertThat(
                                Database.number(
                                        "select count(*) from processed_messages placed join processed_messages cancelled "
                                                + "on placed.consumer = cancelled.consumer and placed.order_id = cancelled.order_id "
                                                + "where placed.consumer = ? and placed.order_id = ? and placed.event_type = 'OrderPlaced' "
                                                + "and cancelled.event_type = 'OrderCancelled' and placed.processed_at < cancelled.processed_at",
                                        effect.key(),
                                        order.uuid()))
                        .as(order.id() + " " + effect + " applied in sequence")
                        .isEqualTo(1);
            }
            List<String> mails = TestServices.services().mail().messageIdsTo(order.email());
            assertThat(mails)
                    .as("mails of " + order.id() + " in the order they arrived")
                    .startsWith(Downstreams.messageId(order.id(), "OrderPlaced"))
                    .contains(Downstreams.messageId(order.id(), "OrderCancelled"));
            List<ServeEvent> calls =
                    warehouse.stream()
                            .filter(
                                    call ->
                                            call.getRequest()
                                                    .getBodyAsString()
                                                    .contains(order.id()))
                            .sorted(Comparator.comparing(call -> call.getRequest().getLoggedDate()))
                            .toList();
            int firstCancellation = indexOf(calls, "/cancellation");
            assertThat(firstCancellation)
                    .as(order.id() + " cancellation reached the warehouse")
                    .isNotNegative();
            // at least once outside: a batch whose commit failed after its calls sends them again,
            // a fulfilment after the cancellation it preceded included (SoakIT saw it); the
            // warehouse keeps the first request under an Idempotency-Key, so only a fulfilment
            // under a key it had not seen before the cancellation would ship the order
            Set<String> fulfilledBefore =
                    calls.subList(0, firstCancellation).stream()
                            .filter(Checker::isFulfilment)
                            .map(call -> call.getRequest().getHeader("Idempotency-Key"))
                            .collect(Collectors.toSet());
            assertThat(calls.subList(firstCancellation, calls.size()))
                    .as(
                            order.id()
                                    + ": no fulfilment reached the warehouse after the cancellation but"
                                    + " a repeat of one before it")
                    .filteredOn(Checker::isFulfilment)
                    .allSatisfy(
                            call ->
                                    assertThat(fulfilledBefore)
                                            .contains(
                                                    call.getRequest()
                                                            .getHeader("Idempotency-Key")));
        }
    }

    /**
     * A cancelled order's authorization was voided, at least once: a void whose transaction rolled
     * back after the payment service answered (its node killed, the broker failing over) is
     * redelivered and sent again, and the payment service voids an authorization once whatever the
     * repeats. A placed order's stands.
     */
    private static void assertPaymentsSettled(List<Placed> orders) {
        Map<Placed, String> authorizations = new HashMap<>();
        for (Placed order : orders) {
            authorizations.put(
                    order,
                    Database.text(
                            "select payment_authorization from orders where id = ?", order.uuid()));
        }
        // one pass over the payment service's journal a round: a search of it per order takes
        // longer than the wait itself once a soak has placed a thousand
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            Map<String, Long> voids = Downstreams.voidsByAuthorization();
                            for (Placed order : orders) {
                                long voided = voids.getOrDefault(authorizations.get(order), 0L);
                                if (order.cancelled()) {
                                    assertThat(voided).as(order.id() + " voids").isPositive();
                                } else {
                                    assertThat(voided).as(order.id() + " voids").isZero();
                                }
                            }
                        });
    }

    private static ExternalCounts externalCounts(List<Placed> orders) {
        List<ServeEvent> accepted =
                TestServices.services().warehouse().wireMock().getAllServeEvents().stream()
                        .filter(call -> call.getRequest().getUrl().equals("/warehouse/fulfilments"))
                        .filter(call -> call.getResponse().getStatus() / 100 == 2)
                        .toList();
        Map<String, Long> mails = new HashMap<>();
        Map<String, Long> webhooks = new HashMap<>();
        for (Placed order : orders) {
            mails.put(order.id(), Downstreams.mails(order.id(), "OrderPlaced"));
            webhooks.put(
                    order.id(),
                    accepted.stream()
                            .filter(
                                    call ->
                                            call.getRequest()
                                                    .getBodyAsString()
                                                    .contains(order.id()))
                            .count());
        }
        return new ExternalCounts(mails, webhooks);
    }

    private static List<String> skus(List<Placed> orders) {
        return orders.stream().flatMap(o -> o.quantities().keySet().stream()).distinct().toList();
    }

    private static boolean isFulfilment(ServeEvent call) {
        return call.getRequest().getUrl().equals("/warehouse/fulfilments");
    }

    private static int indexOf(List<ServeEvent> calls, String urlEnd) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).getRequest().getUrl().endsWith(urlEnd)) {
                return i;
            }
        }
        return -1;
    }
}
