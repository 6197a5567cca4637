package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.SystemProperties;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A placed order holds its stock and leads to exactly one of each side effect, each on its real
 * component; its customer has an answer within the checkout's deadline.
 */
@ExtendWith(ArquillianExtension.class)
class CheckoutIT {

    private static final String DEADLINE = "orderflow.checkout.answer-within-seconds";

    @Test
    void a_placed_order_holds_its_stock_at_once_and_gets_each_of_its_six_effects_exactly_once() {
        String email = Orders.uniqueCustomer("ada");
        String book = Products.create("book", 10);
        String shirt = Products.create("shirt", 10);

        Api.Reply placed =
                Api.postJson("/orders", Orders.body(email, "tok_ok", book, "2", shirt, "3"));

        assertThat(placed.status()).as(placed.described()).isEqualTo(201);
        String orderId = placed.json().getString("id");
        assertThat(placed.header("Location")).endsWith("/api/orders/" + orderId);
        assertThat(placed.json().getJsonNumber("total").bigDecimalValue())
                .isEqualByComparingTo("50.00");
        assertThat(Products.reserved(book))
                .as("held by the checkout itself, before any effect ran")
                .isEqualTo(2);
        assertThat(Products.reserved(shirt)).isEqualTo(3);

        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));

        assertThat(external.duplicateMails()).isZero();
        assertThat(external.duplicateWebhooks()).isZero();
        assertThat(Database.inboxClaimsOf(UUID.fromString(orderId))).isEqualTo(6);
    }

    @Test
    void
            search_finds_an_order_by_its_address_the_address_name_part_and_its_skus_all_words_at_once() {
        String email = Orders.uniqueCustomer("finder");
        String nameOnly = email.substring(0, email.indexOf('@'));
        String book = Products.create("finder", 5);
        String other = Products.create("finder", 5);
        String orderId = Orders.place(email, book, "1", other, "1");
        String otherOrderId = Orders.place(Orders.uniqueCustomer("finder"), other, "1");
        Orders.awaitAllDone(orderId);
        Orders.awaitAllDone(otherOrderId);

        assertThat(hits(email)).containsExactly(orderId);
        assertThat(hits(nameOnly)).containsExactly(orderId);
        assertThat(hits(book)).containsExactly(orderId);
        assertThat(hits(other)).containsExactlyInAnyOrder(orderId, otherOrderId);
        assertThat(hits(nameOnly + " " + other))
                .as("every word must match")
                .containsExactly(orderId);
        assertThat(hits(other + " -" + nameOnly)).containsExactly(otherOrderId);
        assertThat(hits("*")).as("no word: the newest orders first").startsWith(otherOrderId);
    }

    private static List<String> hits(String query) {
        Api.Reply found =
                Api.get(
                        "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                        Api.asOps());
        assertThat(found.status()).as(found.described()).isEqualTo(200);
        return found.json().getJsonArray("hits").stream()
                .map(hit -> ((JsonObject) hit).getString("orderId"))
                .toList();
    }

    @Test
    void
            a_cancelled_order_gives_its_stock_back_at_once_voids_its_payment_and_tells_every_effect_in_sequence() {
        String email = Orders.uniqueCustomer("grace");
        String book = Products.create("cancel", 10);
        String orderId = Orders.place(email, book, "4");
        Orders.awaitAllDone(orderId);
        assertThat(Products.reserved(book)).isEqualTo(4);

        Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.described()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        assertThat(Products.reserved(book)).as("given back by the cancellation itself").isZero();
        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
        assertThat(Orders.effects(orderId).getJsonObject("inventory").getString("event"))
                .isEqualTo("OrderCancelled");
        assertThat(Downstreams.mails(orderId, "OrderCancelled")).isEqualTo(1);
        assertThat(Downstreams.cancellations(orderId)).isEqualTo(1);

        Api.Reply again = Api.postJson("/orders/" + orderId + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void
            a_retry_with_the_same_idempotency_key_returns_the_first_order_and_another_body_is_refused() {
        String email = Orders.uniqueCustomer("retry");
        String key = UUID.randomUUID().toString();
        String body = Orders.body(email, "tok_ok", "MUG-001", "1");

        Api.Reply first = Api.postJson("/orders", body, "Idempotency-Key", key);
        int authorizations = Downstreams.authorizations();
        Api.Reply retry = Api.postJson("/orders", body, "Idempotency-Key", key);
        Api.Reply reused =
                Api.postJson(
                        "/orders",
                        Orders.body(email, "tok_ok", "MUG-001", "2"),
                        "Idempotency-Key",
                        key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().getString("type"))
                .isEqualTo("urn:orderflow:problem:idempotency-key-reused");
        assertThat(Database.ordersOf(email)).isEqualTo(1);
        assertThat(Downstreams.authorizations())
                .as("the replay and the refusal authorize nothing")
                .isEqualTo(authorizations);
    }

    /**
     * A customer waits for a checkout's answer a bounded time, whatever the checkout waits on (in
     * the cluster, a broker failing over held checkouts past 30 s): at the deadline the answer is a
     * 503 problem with Retry-After, the checkout goes on, and the retry under the same
     * Idempotency-Key gets the order it placed, authorized once.
     */
    @Test
    void a_checkout_past_its_deadline_is_answered_503_goes_on_and_its_retry_gets_that_order() {
        String key = UUID.randomUUID().toString();
        String token = "tok_deadline_" + UUID.randomUUID();
        String email = Orders.uniqueCustomer("deadline");
        String body = Orders.body(email, token, Products.create("deadline", 5), "1");
        int authorizations = Downstreams.authorizations();
        // the payment service answers within the test server's payment timeout (2 s), after the
        // deadline (1 s)
        StubMapping slow = PaymentAnswers.slow(token, 1500);
        Api.Reply late;
        try {
            SystemProperties.set(DEADLINE, "1");
            try {
                late = Api.postJson("/orders", body, "Idempotency-Key", key);
            } finally {
                SystemProperties.remove(DEADLINE);
            }

            assertThat(late.status()).as(late.body()).isEqualTo(503);
            assertThat(late.header("Content-Type")).startsWith("application/problem+json");
            assertThat(late.json().getString("type"))
                    .isEqualTo("urn:orderflow:problem:service-unavailable");
            assertThat(late.json().getString("detail"))
                    .contains("within 1 s")
                    .contains("same Idempotency-Key");
            assertThat(late.header("Retry-After")).isEqualTo("5");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () ->
                                    assertThat(Database.ordersOf(email))
                                            .as("the checkout went on after its answer")
                                            .isEqualTo(1));
        } finally {
            PaymentAnswers.remove(slow);
        }

        Api.Reply retried = Api.postJson("/orders", body, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.described()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        String orderId = retried.json().getString("id");
        assertThat(
                        Database.text(
                                "select customer_email from orders where id = ?",
                                UUID.fromString(orderId)))
                .isEqualTo(email);
        assertThat(Database.ordersOf(email)).isEqualTo(1);
        assertThat(Downstreams.authorizations() - authorizations)
                .as("authorizations the payment service received")
                .isEqualTo(1);
        Orders.awaitAllDone(orderId);
    }
}
