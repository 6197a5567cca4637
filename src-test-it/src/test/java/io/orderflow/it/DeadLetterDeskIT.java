package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.Refusal;
import io.orderflow.it.support.TestServices;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Poison messages and the dead-letter desk: a permanent failure goes to the dead-letter queue at
 * once, a transient one after its attempts; both are visible on the desk with their failure, sent
 * back once the cause is fixed and then completed once; a message sent back while the cause is
 * still there comes back as a repeated failure; a message nobody can read is discarded with a
 * reason. Every action is in the audit log, with who did it.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterDeskIT {

    @Test
    void
            a_permanent_failure_is_dead_lettered_at_once_and_completes_once_when_retried_after_the_fix() {
        String email = Orders.uniqueCustomer("no-such-address");
        StubMapping refusal = WarehouseAnswers.unknownAddress(email);
        String orderId = Orders.place(email, Products.create("refused", 1), "1");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonObject effect = Orders.effects(orderId).getJsonObject("warehouse");
                            assertThat(effect.getString("state")).isEqualTo("DEAD_LETTERED");
                            assertThat(effect.getInt("attempts")).isEqualTo(1);
                            assertThat(effect.getJsonObject("failure").getBoolean("permanent"))
                                    .isTrue();
                            assertThat(effect.getJsonObject("failure").getString("exceptionClass"))
                                    .endsWith("WarehouseRefused");
                            assertThat(effect.getJsonObject("failure").getString("message"))
                                    .contains("422");
                            assertThat(DeadLetterDesk.of(orderId, "warehouse")).isPresent();
                        });
        assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);
        String eventId = Database.eventIdOf(UUID.fromString(orderId), 1);
        assertThat(DeadLetterDesk.ofEvent(eventId)).as("one event, one dead letter").hasSize(1);
        JsonObject letter = DeadLetterDesk.of(orderId, "warehouse").orElseThrow();
        assertThat(letter.getBoolean("permanent")).isTrue();
        assertThat(letter.getBoolean("repeatedFailure")).isFalse();
        String fingerprint = letter.getJsonObject("failure").getString("fingerprint");
        assertThat(DeadLetterDesk.listing().getJsonArray("groups").getValuesAs(JsonObject.class))
                .anySatisfy(
                        group -> {
                            assertThat(group.getString("fingerprint")).isEqualTo(fingerprint);
                            assertThat(group.getInt("count")).isGreaterThanOrEqualTo(1);
                        });

        JsonObject detail =
                Api.get("/ops/dead-letters/" + letter.getString("messageId"), Api.asStaff()).json();
        assertThat(detail.getJsonObject("message").getString("body")).contains(orderId);
        assertThat(
                        detail.getJsonObject("message")
                                .getJsonObject("properties")
                                .getString("_AMQ_ORIG_QUEUE"))
                .isEqualTo("order.effects.warehouse");
        assertThat(detail.getJsonArray("attempts").getValuesAs(JsonObject.class))
                .singleElement()
                .satisfies(
                        attempt -> {
                            assertThat(attempt.getString("effect")).isEqualTo("warehouse");
                            assertThat(attempt.getString("message")).contains("422");
                            assertThat(attempt.getBoolean("permanent")).isTrue();
                        });
        Api.Reply unknown = Api.get("/ops/dead-letters/ID:no-such-message", Api.asStaff());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Api.Reply noGroup =
                Api.postJson(
                        "/ops/dead-letters/investigations",
                        "{\"fingerprint\":\"no-such-group\",\"note\":\"looking\"}",
                        Api.asOps());
        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(
                        Api.postJson(
                                        "/ops/dead-letters/investigations",
                                        "{\"fingerprint\":\""
                                                + fingerprint
                                                + "\",\"note\":\"looking\"}",
                                        Api.asStaff())
                                .status())
                .as("staff may not mark a group")
                .isEqualTo(403);

        WarehouseAnswers.remove(refusal);
        Api.Reply retried = DeadLetterDesk.retry(List.of(letter.getString("messageId")));

        assertThat(retried.status()).as(retried.described()).isEqualTo(200);
        assertThat(retried.json().getInt("done")).isEqualTo(1);
        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(30));
        assertThat(external.duplicateWebhooks()).isZero();
        assertThat(DeadLetterDesk.of(orderId, "warehouse")).isEmpty();
        assertThat(DeadLetterDesk.audit())
                .anySatisfy(
                        action -> {
                            assertThat(action.getString("action")).isEqualTo("RETRY");
                            assertThat(action.getString("actor")).isEqualTo(TestServices.OPS_USER);
                            assertThat(action.getString("orderId", "")).isEqualTo(orderId);
                        });
    }

    /**
     * The order moves on while its OrderPlaced is on the desk: its OrderCancelled waits for it.
     * Sent back, OrderPlaced is applied first and the cancellation after it; discarded, the
     * cancellation goes ahead without it.
     */
    @Test
    void
            an_event_whose_order_moved_on_is_applied_in_sequence_when_retried_and_lets_the_next_go_when_discarded() {
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        String retried = Orders.uniqueCustomer("moved-on-retried");
        String discarded = Orders.uniqueCustomer("moved-on-discarded");
        List<StubMapping> refusals =
                List.of(retried, discarded).stream()
                        .map(
                                email ->
                                        warehouse.stubFor(
                                                post(urlEqualTo("/warehouse/fulfilments"))
                                                        .atPriority(1)
                                                        .withRequestBody(containing(email))
                                                        .willReturn(
                                                                aResponse()
                                                                        .withStatus(422)
                                                                        .withBody(
                                                                                "address unknown"))))
                        .toList();
        String retriedOrder = Orders.place(retried, Products.create("moved-on-retried", 1), "1");
        String discardedOrder =
                Orders.place(discarded, Products.create("moved-on-discarded", 1), "1");
        awaitDeadLetter(retriedOrder, "warehouse", Duration.ofSeconds(30));
        awaitDeadLetter(discardedOrder, "warehouse", Duration.ofSeconds(30));
        for (String orderId : List.of(retriedOrder, discardedOrder)) {
            assertThat(Api.postJson("/orders/" + orderId + "/cancel", "").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            for (String orderId : List.of(retriedOrder, discardedOrder)) {
                                JsonObject effect =
                                        Orders.effects(orderId).getJsonObject("warehouse");
                                assertThat(effect.getString("state")).isEqualTo("WAITING");
                                assertThat(effect.getJsonObject("waitingFor").getString("state"))
                                        .isEqualTo("DEAD_LETTERED");
                            }
                        });
        refusals.forEach(warehouse::removeStub);

        assertThat(
                        DeadLetterDesk.retry(
                                        List.of(
                                                DeadLetterDesk.of(retriedOrder, "warehouse")
                                                        .orElseThrow()
                                                        .getString("messageId")))
                                .json()
                                .getInt("done"))
                .isEqualTo(1);
        Checker.verifyEveryEffectOnce(List.of(retriedOrder), Duration.ofSeconds(60));

        assertThat(
                        DeadLetterDesk.discard(
                                        List.of(
                                                DeadLetterDesk.of(discardedOrder, "warehouse")
                                                        .orElseThrow()
                                                        .getString("messageId")),
                                        "the customer cancelled; nothing to ship")
                                .json()
                                .getInt("done"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonObject effect =
                                    Orders.effects(discardedOrder).getJsonObject("warehouse");
                            assertThat(effect.getString("event")).isEqualTo("OrderCancelled");
                            assertThat(effect.getString("state")).isEqualTo("DONE");
                        });
        assertThat(Downstreams.fulfilmentRequests(discardedOrder))
                .as("only the refused one")
                .isEqualTo(1);
    }

    /**
     * A permanent failure on the attempt the broker counts as the last: the consumer's verdict and
     * the broker's move meet, and still the event has one dead letter.
     */
    @Test
    void a_permanent_failure_on_the_last_attempt_makes_one_dead_letter() {
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        String email = Orders.uniqueCustomer("last-attempt");
        String scenario = "503 then 422 for " + email;
        List<StubMapping> answers =
                List.of(
                        warehouse.stubFor(
                                post(urlEqualTo("/warehouse/fulfilments"))
                                        .atPriority(1)
                                        .withRequestBody(containing(email))
                                        .inScenario(scenario)
                                        .whenScenarioStateIs(Scenario.STARTED)
                                        .willSetStateTo("busy once")
                                        .willReturn(aResponse().withStatus(503).withBody("busy"))),
                        warehouse.stubFor(
                                post(urlEqualTo("/warehouse/fulfilments"))
                                        .atPriority(1)
                                        .withRequestBody(containing(email))
                                        .inScenario(scenario)
                                        .whenScenarioStateIs("busy once")
                                        .willReturn(
                                                aResponse()
                                                        .withStatus(422)
                                                        .withBody("address unknown"))));
        String queue = Effect.WAREHOUSE.queue();
        ModelNode configured = Broker.readAddressSetting(queue, "max-delivery-attempts");
        Broker.writeAddressSetting(queue, "max-delivery-attempts", new ModelNode(2));
        try {
            String orderId = Orders.place(email, Products.create("last-attempt", 1), "1");
            JsonObject letter = awaitDeadLetter(orderId, "warehouse", Duration.ofSeconds(30));
            String eventId = Database.eventIdOf(UUID.fromString(orderId), 1);

            // the watch has seen the queue several times since: still one dead letter, the
            // broker's, with the verdict's failure
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(DeadLetterDesk.ofEvent(eventId)).hasSize(1));
            assertThat(Broker.messageCount("DLQ." + queue)).isGreaterThanOrEqualTo(1);
            assertThat(letter.getJsonObject("failure").getString("message")).contains("422");
            assertThat(
                            Database.number(
                                    "select count(*) from dead_letter_verdicts where event_id = ?",
                                    eventId))
                    .as("no verdict left waiting for a delivery that will not come")
                    .isZero();
        } finally {
            Broker.writeAddressSetting(queue, "max-delivery-attempts", configured);
            answers.forEach(warehouse::removeStub);
        }
    }

    @Test
    void
            a_retry_before_the_fix_comes_back_as_a_repeated_failure_and_the_group_completes_after_it() {
        // the poison: the database refuses the shirt's co-purchase rows until the trigger goes, so
        // the recommendations effect fails on a shirt with a tie; its attempts cut from eight
        // (35 s) to four (3.5 s) for the test, its backoff as configured
        String queue = Effect.RECOMMENDATIONS.queue();
        ModelNode configured = Broker.readAddressSetting(queue, "max-delivery-attempts");
        Broker.writeAddressSetting(queue, "max-delivery-attempts", new ModelNode(4));
        String shirt = Products.create("persistent", 1000);
        String tie = Products.create("tie", 1000);
        try (Refusal refusal =
                Refusal.ofInserts(
                        "co_purchases_seen",
                        "new.sku_a = '" + shirt + "' or new.sku_b = '" + shirt + "'",
                        "recommendations store refuses the shirt")) {
            String orderId =
                    Orders.place(Orders.uniqueCustomer("persistent"), shirt, "1", tie, "1");
            JsonObject letter = awaitDeadLetter(orderId, "recommendations", Duration.ofSeconds(60));
            assertThat(letter.getBoolean("permanent")).isFalse();
            assertThat(letter.getInt("attempts"))
                    .isEqualTo(
                            Broker.resolveAddressSetting(queue)
                                    .get("max-delivery-attempts")
                                    .asInt());

            assertThat(
                            DeadLetterDesk.retry(List.of(letter.getString("messageId")))
                                    .json()
                                    .getInt("done"))
                    .isEqualTo(1);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(DeadLetterDesk.of(orderId, "recommendations"))
                                            .hasValueSatisfying(
                                                    again -> {
                                                        assertThat(
                                                                        again.getBoolean(
                                                                                "repeatedFailure"))
                                                                .isTrue();
                                                        assertThat(again.getInt("retries"))
                                                                .isEqualTo(1);
                                                    }));
            String fingerprint =
                    DeadLetterDesk.of(orderId, "recommendations")
                            .orElseThrow()
                            .getJsonObject("failure")
                            .getString("fingerprint");

            refusal.close();
            Api.Reply retried = DeadLetterDesk.retryGroup(fingerprint);

            assertThat(retried.json().getInt("done")).isGreaterThanOrEqualTo(1);
            Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(30));
        } finally {
            Broker.writeAddressSetting(queue, "max-delivery-attempts", configured);
        }
    }

    @Test
    void
            a_message_nobody_can_read_is_dead_lettered_at_once_by_every_effect_and_discarded_with_a_reason()
                    throws Exception {
        String version = String.valueOf(100_000 + new Random().nextInt(900_000));
        ExternalProducer.publish(
                new ExternalProducer.Message(
                        "{\"schemaVersion\":" + version + ",\"what\":\"is this\"}",
                        "garbage-" + UUID.randomUUID(),
                        "no-order"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(DeadLetterDesk.failedWith(version))
                                        .hasSize(Effect.values().length));
        List<JsonObject> letters = DeadLetterDesk.failedWith(version);
        assertThat(letters)
                .extracting(letter -> letter.getString("source"))
                .containsExactlyInAnyOrderElementsOf(Orders.EFFECTS);
        assertThat(letters)
                .allSatisfy(
                        letter -> {
                            assertThat(letter.getBoolean("permanent")).isTrue();
                            assertThat(letter.getJsonObject("failure").getString("exceptionClass"))
                                    .endsWith("UnreadableEvent");
                        });
        List<String> ids = letters.stream().map(letter -> letter.getString("messageId")).toList();

        Api.Reply withoutReason = DeadLetterDesk.discard(ids, null);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(DeadLetterDesk.failedWith(version)).hasSize(Effect.values().length);

        Api.Reply discarded =
                DeadLetterDesk.discard(ids, "not an OrderFlow event; sent by a misconfigured tool");

        assertThat(discarded.status()).as(discarded.described()).isEqualTo(200);
        assertThat(discarded.json().getInt("done")).isEqualTo(Effect.values().length);
        assertThat(DeadLetterDesk.failedWith(version)).isEmpty();
        assertThat(
                        DeadLetterDesk.audit().stream()
                                .filter(a -> ids.contains(a.getString("eventId")))
                                .toList())
                .hasSize(Effect.values().length)
                .allSatisfy(
                        action -> {
                            assertThat(action.getString("action")).isEqualTo("DISCARD");
                            assertThat(action.getString("actor")).isEqualTo(TestServices.OPS_USER);
                            assertThat(action.getString("reason"))
                                    .startsWith("not an OrderFlow event");
                        });
        Checker.assertEffectQueuesEmpty();
    }

    private static JsonObject awaitDeadLetter(String orderId, String effect, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(DeadLetterDesk.of(orderId, effect)).isPresent());
        return DeadLetterDesk.of(orderId, effect).orElseThrow();
    }
}
