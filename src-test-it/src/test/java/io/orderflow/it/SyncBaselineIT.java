package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.MailServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's two sequence diagrams side by side: without a queue (mode=sync) the six effects run
 * before the answer, so a mail outage fails the checkout; with the queue the same checkout succeeds
 * and the mail follows later.
 */
@ExtendWith(ArquillianExtension.class)
class SyncBaselineIT {

    @Test
    void without_a_queue_every_effect_is_done_before_the_answer() {
        Api.Reply placed =
                Api.postJson(
                        "/orders?mode=sync",
                        Orders.body(Orders.uniqueCustomer("sync"), "tok_ok", "BOOK-001", "1"));

        assertThat(placed.status()).as(placed.described()).isEqualTo(201);
        JsonObject progress = placed.json().getJsonObject("progress");
        for (String effect : Orders.EFFECTS) {
            assertThat(progress.getString(effect)).as(effect).isEqualTo("done");
        }
        assertThat(Downstreams.mails(placed.json().getString("id"), "OrderPlaced")).isEqualTo(1);
    }

    @Test
    void
            without_a_queue_a_retry_with_the_same_idempotency_key_gets_the_same_order_and_authorizes_nothing() {
        String customer = Orders.uniqueCustomer("sync-key");
        String body = Orders.body(customer, "tok_ok", "BOOK-001", "1");
        String key = UUID.randomUUID().toString();
        Api.Reply first = Api.postJson("/orders?mode=sync", body, "Idempotency-Key", key);
        int authorizations = Downstreams.authorizations();

        Api.Reply retry = Api.postJson("/orders?mode=sync", body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.described()).isEqualTo(201);
        assertThat(retry.status()).as(retry.described()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(Downstreams.authorizations()).isEqualTo(authorizations);
        assertThat(Database.ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void a_mail_outage_fails_the_synchronous_checkout_but_not_the_queued_one() {
        MailServer mail = TestServices.services().mail();
        String syncCustomer = Orders.uniqueCustomer("sync-outage");
        String asyncCustomer = Orders.uniqueCustomer("async-outage");
        int voids = Downstreams.voids();
        mail.outage();
        try {
            Api.Reply sync =
                    Api.postJson(
                            "/orders?mode=sync",
                            Orders.body(syncCustomer, "tok_ok", "BOOK-001", "1"));
            Api.Reply async =
                    Api.postJson("/orders", Orders.body(asyncCustomer, "tok_ok", "BOOK-001", "1"));

            assertThat(sync.status()).as(sync.described()).isEqualTo(503);
            assertThat(sync.json().getString("type"))
                    .isEqualTo("urn:orderflow:problem:checkout-not-completed");
            assertThat(Database.ordersOf(syncCustomer)).isZero();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Downstreams.voids()).isEqualTo(voids + 1));
            assertThat(async.status()).as(async.body()).isEqualTo(201);
            mail.resume();
            Orders.awaitAllDone(async.json().getString("id"));
        } finally {
            mail.resume();
        }
    }

    @Test
    void an_unknown_mode_is_refused() {
        Api.Reply reply =
                Api.postJson(
                        "/orders?mode=later",
                        Orders.body(Orders.uniqueCustomer("mode"), "tok_ok", "BOOK-001", "1"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("mode");
    }
}
