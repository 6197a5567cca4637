package io.orderflow.it.ownservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import io.orderflow.messaging.Queues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The duplicate guards and the audit are pruned once past their window, and catch duplicates while
 * inside it. Runs its own server with every window shrunk to 20 s and a sweep every second: an
 * Idempotency-Key replayed, a telemetry batch delivered again and an event delivered again are
 * caught; then a backlog of old rows, the keys, batch ids, inbox rows, audit entries and settled
 * dead letters go, while the orders and their effects' states stay, and an event delivered again
 * after its inbox rows went is still applied nowhere twice. A checkout the payment service did not
 * answer in time is voided by the sweep of abandoned attempts (after 5 s here), its customer's
 * retry is authorized under the next payment key, and the spent key goes after its window. A
 * checkout whose payment outlasts its stock hold (2 s here) records nothing, gets its authorization
 * voided, and the hold goes back once.
 */
class RetentionIT {

    private static final String WINDOW = "PT20S";

    private final WildFlyServer wildFly = TestServices.ownWildFly("orderflow.it.retention.base");
    private Process server;

    @Test
    void what_guards_against_duplicates_catches_them_inside_its_window_and_is_pruned_after_it()
            throws Exception {
        Map<String, String> properties = TestServices.ownServerProperties();
        properties.put("orderflow.retention.sweep-interval-seconds", "1");
        for (String kept :
                List.of("inbox", "idempotency-keys", "telemetry-batches", "audit", "failures")) {
            properties.put("orderflow.retention." + kept, WINDOW);
        }
        properties.put("orderflow.payment.abandoned-after-seconds", "5");
        properties.put("orderflow.payment.abandoned-sweep-seconds", "1");
        properties.put("orderflow.payment.timeout-millis", "5000");
        properties.put("orderflow.checkout.hold-lapses-after-seconds", "2");
        properties.put("orderflow.checkout.hold-sweep-seconds", "1");
        server = TestServices.startOwnServer(wildFly, properties);

        // a checkout whose payment takes longer than its stock hold lasts: the hold goes back
        // once, the order is not recorded, the authorization is voided
        String lapsingToken = "tok_lapsing_" + UUID.randomUUID();
        String lastUnit = Products.create("retention-lapse", 1);
        String lapsingCustomer = Orders.uniqueCustomer("retention-lapse");
        StubMapping lapsing = PaymentAnswers.slow(lapsingToken, 3500);
        try {
            Api.Reply lapsed =
                    Api.postJson(
                            "/orders", Orders.body(lapsingCustomer, lapsingToken, lastUnit, "1"));
            assertThat(lapsed.status()).as(lapsed.body()).isEqualTo(503);
            assertThat(lapsed.json().getString("type"))
                    .isEqualTo("urn:orderflow:problem:checkout-not-completed");
        } finally {
            PaymentAnswers.remove(lapsing);
        }
        assertThat(Products.reserved(lastUnit)).as("the lapsed hold given back once").isZero();
        assertThat(Database.ordersOf(lapsingCustomer)).isZero();
        String lapsedKey = Downstreams.paymentKeysOf(lapsingToken).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Downstreams.voidsOf("auth-" + lapsedKey) == 1);

        // a checkout the payment service does not answer in time, and nobody retries for a while
        String unanswered = "retention-" + UUID.randomUUID();
        String slowToken = "tok_timeout_" + UUID.randomUUID();
        String slowCheckout =
                Orders.body(
                        Orders.uniqueCustomer("retention-timeout"),
                        slowToken,
                        Products.create("retention-timeout", 10),
                        "1");
        StubMapping slow = PaymentAnswers.slow(slowToken, 6500);
        try {
            assertThat(
                            Api.postJson("/orders", slowCheckout, "Idempotency-Key", unanswered)
                                    .status())
                    .isEqualTo(503);
        } finally {
            PaymentAnswers.remove(slow);
        }
        // the sweep voids its authorization; its customer retrying after that, while the key
        // still holds, is authorized under the next payment key, never answered with the voided
        // one
        String spentKey = Downstreams.paymentKeysOf(slowToken).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Downstreams.voidsOf("auth-" + spentKey) == 1);
        Api.Reply retried = Api.postJson("/orders", slowCheckout, "Idempotency-Key", unanswered);
        assertThat(retried.status()).as(retried.described()).isEqualTo(201);
        // the sweep asked again under the spent key, to learn what to void
        List<String> paymentKeys = Downstreams.paymentKeysOf(slowToken);
        String nextKey = paymentKeys.get(paymentKeys.size() - 1);
        assertThat(paymentKeys.stream().distinct()).containsExactly(spentKey, nextKey);
        assertThat(
                        Database.text(
                                "select payment_authorization from orders where id = ?",
                                UUID.fromString(retried.json().getString("id"))))
                .isEqualTo("auth-" + nextKey);
        assertThat(
                        Database.number(
                                "select attempt from checkout_keys where idempotency_key = ?",
                                unanswered))
                .as("payment keys the Idempotency-Key has had")
                .isEqualTo(2);

        // a backlog of old rows, more than one batch deletes
        Database.update(
                "insert into processed_messages (consumer, event_id, processed_at) "
                        + "select 'retention-backlog', gen_random_uuid()::text, now() - interval '1 day' from generate_series(1, 2500)");

        // inside the window: a checkout retried with its key, a batch and an event delivered again
        String key = "retention-" + UUID.randomUUID();
        String checkout =
                Orders.body(
                        Orders.uniqueCustomer("retention"),
                        "tok_ok",
                        Products.create("retention", 10),
                        "1");
        Api.Reply placed = Api.postJson("/orders", checkout, "Idempotency-Key", key);
        Api.Reply replayed = Api.postJson("/orders", checkout, "Idempotency-Key", key);
        assertThat(placed.status()).as(placed.described()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        String orderId = placed.json().getString("id");
        assertThat(replayed.json().getString("id")).isEqualTo(orderId);

        String sensor = "retention-" + UUID.randomUUID();
        String batchId = UUID.randomUUID().toString();
        String reading =
                "{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"metric\":\"temp\",\"value\":1}";
        assertThat(Api.postJson("/telemetry", "[" + reading + "]", "Batch-Id", batchId).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> Database.readingsOf(sensor) == 1);
        deliverAgain(
                Queues.TELEMETRY_READINGS,
                "{\"schemaVersion\":1,\"batchId\":\""
                        + batchId
                        + "\",\"acceptedAt\":\"2026-11-30T10:00:00Z\","
                        + "\"readings\":["
                        + reading
                        + "]}",
                null);
        assertThat(Database.readingsOf(sensor))
                .as("the batch delivered again inside the window")
                .isEqualTo(1);

        Orders.awaitAllDone(orderId);
        republishPlaced(orderId);
        List<String> discarded = discardAnUnreadableMessage();

        // past the window: the guards and the audit are gone, the orders and the effects' states
        // are not
        UUID order = UUID.fromString(orderId);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            assertThat(
                                            Database.number(
                                                    "select count(*) from processed_messages where consumer = 'retention-backlog'"))
                                    .as("backlog")
                                    .isZero();
                            assertThat(
                                            Database.number(
                                                    "select count(*) from checkout_keys where idempotency_key = ?",
                                                    key))
                                    .as("key")
                                    .isZero();
                            assertThat(
                                            Database.number(
                                                    "select count(*) from telemetry_batches where batch_id = ?",
                                                    UUID.fromString(batchId)))
                                    .as("batch id")
                                    .isZero();
                            assertThat(Database.inboxClaimsOf(order)).as("inbox").isZero();
                            assertThat(
                                            Database.number(
                                                    "select count(*) from payment_attempts where payment_key = ?",
                                                    spentKey))
                                    .as("spent payment key")
                                    .isZero();
                            for (String messageId : discarded) {
                                assertThat(
                                                Database.number(
                                                        "select count(*) from dead_letter_actions where event_id = ?",
                                                        messageId))
                                        .as("audit")
                                        .isZero();
                                assertThat(
                                                Database.number(
                                                        "select count(*) from dead_letter_messages where message_id = ?",
                                                        messageId))
                                        .as("settled dead letters")
                                        .isZero();
                            }
                        });
        assertThat(Database.number("select count(*) from orders where id = ?", order)).isEqualTo(1);
        assertThat(
                        Database.number(
                                "select count(*) from effect_events where order_id = ? and state = 'DONE'",
                                order))
                .isEqualTo(Effect.values().length);

        // an event delivered again after its inbox rows went: the effects' own records still refuse
        // it
        republishPlaced(orderId);
        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(30));
        assertThat(external.duplicateMails()).isZero();
        assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);

        // and a key sent again after its window is a new checkout, as documented
        Api.Reply afterWindow = Api.postJson("/orders", checkout, "Idempotency-Key", key);
        assertThat(afterWindow.status()).as(afterWindow.body()).isEqualTo(201);
        assertThat(afterWindow.header("Idempotent-Replayed")).isNull();
        assertThat(afterWindow.json().getString("id")).isNotEqualTo(orderId);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            Processes.stop(server, Duration.ofSeconds(60));
        }
    }

    private static void republishPlaced(String orderId) throws Exception {
        String eventId = Database.eventIdOf(UUID.fromString(orderId), 1);
        String event =
                ExternalProducer.eventOf(
                        Api.get("/orders/" + orderId).json(), "OrderPlaced", eventId, 1);
        Map<Effect, Long> added = Broker.messagesAddedPerEffect();
        ExternalProducer.publish(
                new ExternalProducer.Message(event, "again-" + UUID.randomUUID(), orderId));
        Broker.awaitOneMoreHandledByEveryEffect(added);
        assertThat(Downstreams.mails(orderId, "OrderPlaced")).isEqualTo(1);
    }

    private static void deliverAgain(String queue, String json, String group) throws Exception {
        long added = Broker.messagesAdded(queue);
        ExternalProducer.sendToQueue(
                queue, new ExternalProducer.Message(json, "again-" + UUID.randomUUID(), group));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(Broker.messagesAdded(queue)).isEqualTo(added + 1);
                            assertThat(Broker.messageCount(queue)).isZero();
                        });
    }

    /**
     * A message no effect can read, dead-lettered by each effect and discarded: audit entries and
     * settled dead letters.
     */
    private static List<String> discardAnUnreadableMessage() throws Exception {
        String version = String.valueOf(100_000 + new Random().nextInt(900_000));
        ExternalProducer.publish(
                new ExternalProducer.Message(
                        "{\"schemaVersion\":" + version + "}",
                        "unreadable-" + version,
                        "no-order"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> DeadLetterDesk.failedWith(version).size() == Effect.values().length);
        List<String> ids =
                DeadLetterDesk.failedWith(version).stream()
                        .map(letter -> letter.getString("messageId"))
                        .toList();
        assertThat(DeadLetterDesk.discard(ids, "unreadable, for the retention test").status())
                .isEqualTo(200);
        assertThat(DeadLetterDesk.audit())
                .filteredOn(action -> ids.contains(action.getString("eventId")))
                .hasSize(ids.size());
        return ids;
    }
}
