package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.Refusal;
import io.orderflow.it.support.ServerLog;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order row, its stock hold and its OrderPlaced event are one XA transaction: when either side
 * fails, none is kept, and the payment authorization taken before it is voided. The failures are
 * real ones: the database refuses the insert, the broker refuses the message.
 */
@ExtendWith(ArquillianExtension.class)
class CheckoutAtomicityIT {

    private static final String ANALYTICS = Effect.ANALYTICS.queue();

    @Test
    void
            when_the_database_refuses_the_order_no_event_reaches_any_queue_and_the_payment_is_voided() {
        String email = Orders.uniqueCustomer("db-refuses");
        Map<Effect, Long> added = Broker.messagesAddedPerEffect();
        int voids = Downstreams.voids();

        Api.Reply reply;
        try (Refusal refusal =
                Refusal.ofInserts(
                        "orders", "new.customer_email = '" + email + "'", "refused for the test")) {
            reply = Api.postJson("/orders", Orders.body(email, "tok_ok", "BOOK-001", "1"));
        }

        assertThat(reply.status()).as(reply.described()).isEqualTo(503);
        assertThat(reply.json().getString("type"))
                .isEqualTo("urn:orderflow:problem:checkout-not-completed");
        assertThat(reply.header("Retry-After")).isNotBlank();
        assertThat(Database.ordersOf(email)).isZero();
        assertThat(Broker.messagesAddedPerEffect()).isEqualTo(added);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Downstreams.voids()).isEqualTo(voids + 1));
        assertThat(ServerLog.text())
                .as(
                        "the refused statement's values (the driver spells them out unless told not to)")
                .doesNotContain(email);
    }

    @Test
    void when_the_broker_refuses_the_event_no_order_is_kept_and_the_payment_is_voided() {
        String filler = Orders.uniqueCustomer("filler");
        String refused = Orders.uniqueCustomer("broker-refuses");
        String book = Products.create("atomic", 10);
        ModelNode shippedPolicy = Broker.readAddressSetting(ANALYTICS, "address-full-policy");
        ModelNode shippedSize = Broker.readAddressSetting(ANALYTICS, "max-size-bytes");
        Broker.pause(ANALYTICS);
        Broker.writeAddressSetting(ANALYTICS, "address-full-policy", new ModelNode("FAIL"));
        Broker.writeAddressSetting(ANALYTICS, "max-size-bytes", new ModelNode(1L));
        try {
            String first = Orders.place(filler, book, "1");
            int voids = Downstreams.voids();

            Api.Reply reply = Api.postJson("/orders", Orders.body(refused, "tok_ok", book, "1"));

            assertThat(reply.status()).as(reply.described()).isEqualTo(503);
            assertThat(reply.json().getString("type"))
                    .isEqualTo("urn:orderflow:problem:checkout-not-completed");
            assertThat(Database.ordersOf(refused)).isZero();
            assertThat(
                            Database.number(
                                    "select count(*) from effect_events e join orders o on o.id = e.order_id where o.customer_email = ?",
                                    refused))
                    .isZero();
            assertThat(Products.reserved(book))
                    .as("the stock held for the refused order is back")
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Downstreams.voids()).isEqualTo(voids + 1));

            Broker.writeAddressSetting(ANALYTICS, "address-full-policy", shippedPolicy);
            Broker.writeAddressSetting(ANALYTICS, "max-size-bytes", shippedSize);
            Broker.resume(ANALYTICS);
            Orders.awaitAllDone(first);
        } finally {
            Broker.writeAddressSetting(ANALYTICS, "address-full-policy", shippedPolicy);
            Broker.writeAddressSetting(ANALYTICS, "max-size-bytes", shippedSize);
            Broker.resume(ANALYTICS);
        }
    }
}
