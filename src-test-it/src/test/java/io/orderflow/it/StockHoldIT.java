package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.Race;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No oversell: the checkout holds stock before it asks for the payment, with a conditional update
 * the database backs with a check. Ten customers at once for the last three units, while the
 * inventory effect is paused (so nothing but the checkout can decide): three get their order, seven
 * a 409 before their card is asked, and only three authorizations stand. And a sale while the
 * payment service fails: every hold is given back, at once, and every card released.
 */
@ExtendWith(ArquillianExtension.class)
class StockHoldIT {

    private static final int CUSTOMERS = 10;
    private static final int STOCK = 3;

    @Test
    void ten_customers_racing_for_three_units_get_three_orders_and_seven_refusals()
            throws Exception {
        String poster = Products.create("poster", STOCK);
        int authorizations = Downstreams.authorizations();
        int voids = Downstreams.voids();
        Broker.pause(Effect.INVENTORY.queue());
        List<Api.Reply> replies;
        try {
            replies = race("racer", poster, i -> "tok_ok");

            assertThat(replies)
                    .extracting(Api.Reply::status)
                    .filteredOn(status -> status == 201)
                    .hasSize(STOCK);
            assertThat(replies)
                    .filteredOn(reply -> reply.status() != 201)
                    .hasSize(CUSTOMERS - STOCK)
                    .allSatisfy(
                            reply -> {
                                assertThat(reply.status()).as(reply.described()).isEqualTo(409);
                                assertThat(reply.json().getString("type"))
                                        .isEqualTo("urn:orderflow:problem:insufficient-stock");
                            });
            assertThat(Products.available(poster)).isZero();
            assertThat(Downstreams.authorizations() - authorizations)
                    .as("cards asked for: the seven were refused before the payment")
                    .isEqualTo(STOCK);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Downstreams.authorizationsStanding(
                                                            authorizations, voids))
                                            .as("authorizations left standing")
                                            .isEqualTo(STOCK));
        } finally {
            Broker.resume(Effect.INVENTORY.queue());
        }

        Checker.verifyEveryEffectOnce(
                replies.stream()
                        .filter(reply -> reply.status() == 201)
                        .map(reply -> reply.json().getString("id"))
                        .toList(),
                Duration.ofSeconds(60));
    }

    @Test
    void a_sale_while_the_payment_service_declines_fails_or_times_out_gives_every_hold_back()
            throws Exception {
        // as many units as customers: every one of them holds a unit and asks for the payment
        String poster = Products.create("sale-poster", CUSTOMERS);
        String downCard = "tok_down_" + UUID.randomUUID();
        String slowCard = "tok_slow_" + UUID.randomUUID();
        Set<String> standingBefore = Downstreams.authorizationsStanding();
        List<StubMapping> failing =
                List.of(
                        PaymentAnswers.unavailable(downCard),
                        // past the test server's payment timeout (2 s): the call goes unanswered
                        PaymentAnswers.slow(slowCard, 2500));
        List<String> cards = List.of("tok_declined", downCard, slowCard);
        boolean recovered = false;
        try {
            List<Api.Reply> replies = race("sale", poster, i -> cards.get(i % cards.size()));

            assertThat(replies)
                    .extracting(Api.Reply::status)
                    .as("declined, or the payment service down or silent")
                    .containsOnly(402, 503)
                    .filteredOn(status -> status == 402)
                    .hasSize(4);
            assertThat(Products.available(poster))
                    .as("every hold given back by the time its customer was answered")
                    .isEqualTo(CUSTOMERS);
            assertThat(Database.number("select count(*) from stock_holds where sku = ?", poster))
                    .isZero();
            assertThat(Database.number("select count(*) from order_lines where sku = ?", poster))
                    .isZero();
            // the service recovers: the sweep of abandoned attempts asks again under each
            // unanswered key, in time now, and voids what it gets back
            failing.forEach(PaymentAnswers::remove);
            recovered = true;
            List<String> unanswered = Downstreams.paymentKeysOf(slowCard);
            assertThat(unanswered).as("the silent service was asked, once per customer").hasSize(3);
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () -> {
                                for (String key : unanswered) {
                                    assertThat(Downstreams.voidsOf("auth-" + key))
                                            .as("the authorization nobody heard of is voided")
                                            .isPositive();
                                }
                                assertThat(Downstreams.authorizationsStanding())
                                        .isSubsetOf(standingBefore);
                            });
        } finally {
            if (!recovered) {
                failing.forEach(PaymentAnswers::remove);
            }
        }
    }

    /** Ten customers order a unit of the product at the same moment, each paying with its card. */
    private static List<Api.Reply> race(String who, String product, IntFunction<String> cardOf) {
        return Race.of(
                CUSTOMERS,
                i ->
                        Api.postJson(
                                "/orders",
                                Orders.body(
                                        Orders.uniqueCustomer(who),
                                        cardOf.apply(i),
                                        product,
                                        "1")));
    }
}
