package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event is checked against what the database recorded before anything of it is applied. Sent
 * with OrderFlow's own broker identity (the worst case: a leaked password, a misconfigured tool),
 * an OrderCancelled the database never recorded, one that claims the place of the order's
 * OrderPlaced, and an event for an order that does not exist are each dead-lettered by all six
 * effects as permanent failures, with the reason; the order is untouched. A copy of a real event
 * with its facts altered changes nothing: the effects act on what the database recorded.
 */
@ExtendWith(ArquillianExtension.class)
class ForgedEventsIT {

    /**
     * Older than the grace a young event gets while its publishing transaction may still be
     * committing.
     */
    private static final String LONG_AGO = Instant.now().minus(Duration.ofMinutes(10)).toString();

    @Test
    void a_cancellation_the_database_never_recorded_cancels_nothing() throws Exception {
        String sku = Products.create("forged-cancel", 5);
        String orderId = Orders.place(Orders.uniqueCustomer("forged-cancel"), sku, "2");
        Orders.awaitAllDone(orderId);
        JsonObject order = Api.get("/orders/" + orderId).json();

        String afterPlaced =
                forge(
                        ExternalProducer.eventOf(
                                order, "OrderCancelled", UUID.randomUUID().toString(), 2, LONG_AGO),
                        orderId);
        String insteadOfPlaced =
                forge(
                        ExternalProducer.eventOf(
                                order, "OrderCancelled", UUID.randomUUID().toString(), 1),
                        orderId);

        assertDeadLetteredEverywhere(afterPlaced, "recorded events end at place 1");
        assertDeadLetteredEverywhere(
                insteadOfPlaced, "the database gives that place to OrderPlaced");
        assertThat(Api.get("/orders/" + orderId).json().getString("status")).isEqualTo("PLACED");
        assertThat(Products.reserved(sku)).isEqualTo(2);
        assertThat(
                        Database.texts(
                                "select state from stock_allocations where order_id = ?",
                                UUID.fromString(orderId)))
                .containsExactly("ALLOCATED");
        assertThat(Downstreams.mails(orderId, "OrderCancelled")).isZero();
        assertThat(Downstreams.cancellations(orderId)).isZero();
        assertThat(
                        Database.number(
                                "select count(*) from processed_messages where event_id in (?, ?)",
                                afterPlaced,
                                insteadOfPlaced))
                .isZero();
        discard(afterPlaced, insteadOfPlaced);
    }

    @Test
    void an_event_for_an_order_that_does_not_exist_is_applied_nowhere() throws Exception {
        String unknownOrder = UUID.randomUUID().toString();
        JsonObject order =
                ExternalProducer.orderOfOneUnit(
                        unknownOrder,
                        Orders.uniqueCustomer("nobody"),
                        LONG_AGO,
                        Products.create("forged-unknown", 5));

        String eventId =
                forge(
                        ExternalProducer.eventOf(
                                order, "OrderPlaced", UUID.randomUUID().toString(), 1),
                        unknownOrder);

        assertDeadLetteredEverywhere(eventId, "no such order is recorded");
        assertThat(Downstreams.mails(unknownOrder, "OrderPlaced")).isZero();
        assertThat(Downstreams.fulfilmentRequests(unknownOrder)).isZero();
        assertThat(
                        Database.number(
                                "select count(*) from search_orders where order_id = ?",
                                UUID.fromString(unknownOrder)))
                .isZero();
        assertThat(
                        Database.number(
                                "select count(*) from stock_allocations where order_id = ?",
                                UUID.fromString(unknownOrder)))
                .isZero();
        discard(eventId);
    }

    /**
     * A copy of a real event, its id and place kept, its address and quantity altered, arrives
     * while the warehouse still retries the real one: the warehouse effect refuses the copy for
     * good, with the facts that differ, and fulfils the real one as recorded; the effects that had
     * applied the real one already take the copy for a repeat. Nothing goes to the altered address,
     * nothing ships the altered quantity.
     */
    @Test
    void an_altered_copy_of_a_real_event_changes_nothing_any_effect_does() throws Exception {
        String customer = Orders.uniqueCustomer("altered");
        String thief = Orders.uniqueCustomer("thief");
        String sku = Products.create("altered", 10);
        StubMapping away = WarehouseAnswers.unavailableFor(customer);
        String orderId;
        String eventId;
        try {
            orderId = Orders.place(customer, sku, "1");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    Orders.effects(orderId)
                                            .getJsonObject("warehouse")
                                            .getString("state")
                                            .equals("RETRYING"));
            eventId = Database.eventIdOf(UUID.fromString(orderId), 1);
            JsonObject order = Api.get("/orders/" + orderId).json();
            JsonObject altered =
                    Json.createObjectBuilder(order)
                            .add("customerEmail", thief)
                            .add(
                                    "lines",
                                    Json.createArrayBuilder()
                                            .add(
                                                    Json.createObjectBuilder(
                                                                    order.getJsonArray("lines")
                                                                            .getJsonObject(0))
                                                            .add("quantity", 4)))
                            .build();
            ExternalProducer.publish(
                    new ExternalProducer.Message(
                            ExternalProducer.eventOf(altered, "OrderPlaced", eventId, 1),
                            "altered-" + UUID.randomUUID(),
                            orderId));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> DeadLetterDesk.of(orderId, "warehouse").isPresent());
        } finally {
            WarehouseAnswers.remove(away);
        }
        JsonObject refused = DeadLetterDesk.of(orderId, "warehouse").orElseThrow();
        // the order's journey has every failed attempt; the desk sums up the event's, the real
        // one's retries included
        assertThat(
                        Api.get("/ops/orders/" + orderId + "/journey", Api.asStaff())
                                .json()
                                .getJsonArray("attempts")
                                .getValuesAs(JsonObject.class))
                .filteredOn(attempt -> attempt.getString("effect").equals("warehouse"))
                .filteredOn(attempt -> attempt.getBoolean("permanent"))
                .singleElement()
                .satisfies(
                        attempt -> {
                            assertThat(attempt.getString("exceptionClass"))
                                    .endsWith("EventContradictsRecord");
                            assertThat(attempt.getString("message"))
                                    .contains(
                                            "customerEmail, lines differ from what the database recorded");
                        });

        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(90));
        assertThat(Downstreams.mailsTo(thief)).isZero();
        assertThat(Downstreams.fulfilmentBodies(orderId))
                .isNotEmpty()
                .allSatisfy(
                        body ->
                                assertThat(body)
                                        .contains(customer)
                                        .doesNotContain(thief)
                                        .contains("\"quantity\":1"));
        assertThat(Products.reserved(sku)).isEqualTo(1);
        discard(refused.getString("eventId"));
    }

    /**
     * A real order whose database branch is still in doubt: its rows are prepared and not yet
     * committed (as a stall during the commit leaves them, the broker's branch committed, the
     * database's left to recovery) while its event is delivered, past the grace a young event gets.
     * No effect judges it forged; once the rows commit (the test plays recovery), every effect
     * applies it, and none dead-letters it.
     */
    @Test
    void a_real_order_whose_rows_are_in_doubt_is_not_judged_forged() throws Exception {
        String sku = Products.create("in-doubt", 5);
        String orderId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Instant occurredAt = Instant.now();
        JsonObject order =
                ExternalProducer.orderOfOneUnit(
                        orderId, Orders.uniqueCustomer("in-doubt"), occurredAt.toString(), sku);
        String transaction = Database.prepareOrder(order, eventId);
        boolean committed = false;
        try {
            forge(ExternalProducer.eventOf(order, "OrderPlaced", eventId, 1), orderId);
            // analytics retries soonest: once it has tried after the grace with the rows still in
            // doubt (or some effect judged the order forged), a judgement was made
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () ->
                                    Database.number(
                                                    "select count(*) from effect_failures where order_id = ? "
                                                            + "and (permanent or effect = 'ANALYTICS' and failed_at > ?)",
                                                    UUID.fromString(orderId),
                                                    Timestamp.from(occurredAt.plusSeconds(3)))
                                            > 0);
            Database.execute("commit prepared '" + transaction + "'");
            committed = true;
        } finally {
            if (!committed) {
                Database.execute("rollback prepared '" + transaction + "'");
            }
        }
        assertThat(
                        Database.number(
                                "select count(*) from effect_failures where order_id = ? and permanent",
                                UUID.fromString(orderId)))
                .as("judged forged by no effect")
                .isZero();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            JsonObject effects = Orders.effects(orderId);
                            for (String effect : Orders.EFFECTS) {
                                assertThat(effects.getJsonObject(effect).getString("state"))
                                        .as(effect)
                                        .isEqualTo("DONE");
                            }
                        });
        assertThat(DeadLetterDesk.ofEvent(eventId)).isEmpty();
        assertThat(
                        Database.number(
                                "select count(*) from processed_messages where event_id = ?",
                                eventId))
                .as("applied once by each effect")
                .isEqualTo(Effect.values().length);
    }

    private static String forge(String event, String orderId) throws Exception {
        String eventId =
                Json.createReader(new StringReader(event)).readObject().getString("eventId");
        ExternalProducer.publish(new ExternalProducer.Message(event, eventId, orderId));
        return eventId;
    }

    private static void assertDeadLetteredEverywhere(String eventId, String reason) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () ->
                                assertThat(DeadLetterDesk.ofEvent(eventId))
                                        .hasSize(Effect.values().length));
        assertThat(DeadLetterDesk.ofEvent(eventId))
                .allSatisfy(
                        letter -> {
                            assertThat(letter.getBoolean("permanent")).isTrue();
                            assertThat(letter.getJsonObject("failure").getString("exceptionClass"))
                                    .endsWith("EventContradictsRecord");
                            assertThat(letter.getJsonObject("failure").getString("message"))
                                    .contains(reason);
                        });
    }

    private static void discard(String... eventIds) {
        List<String> messageIds =
                List.of(eventIds).stream()
                        .flatMap(eventId -> DeadLetterDesk.ofEvent(eventId).stream())
                        .map(letter -> letter.getString("messageId"))
                        .distinct()
                        .toList();
        Api.Reply discarded = DeadLetterDesk.discard(messageIds, "forged for the test");
        assertThat(discarded.status()).as(discarded.described()).isEqualTo(200);
        Checker.assertEffectQueuesEmpty();
    }
}
