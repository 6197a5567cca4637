package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer who retries after the payment service timed out is authorized once: every try under
 * one Idempotency-Key asks the payment service with one payment key, so a service that remembers
 * its keys answers each retry with the authorization it made for the first, and the card never
 * carries a second hold.
 */
@ExtendWith(ArquillianExtension.class)
class RetryAfterTimeoutIT {

    /** Past the test server's payment timeout (2 s). */
    private static final int SLOWER_THAN_THE_TIMEOUT = 3000;

    @Test
    void three_retries_after_timeouts_and_a_fourth_that_goes_through_ask_under_one_payment_key() {
        String key = UUID.randomUUID().toString();
        String token = "tok_timeout_" + UUID.randomUUID();
        String email = Orders.uniqueCustomer("timeout");
        String body = Orders.body(email, token, Products.create("timeout", 5), "1");
        StubMapping slow = PaymentAnswers.slow(token, SLOWER_THAN_THE_TIMEOUT);
        try {
            for (int retry = 0; retry < 3; retry++) {
                Api.Reply reply = Api.postJson("/orders", body, "Idempotency-Key", key);
                assertThat(reply.status()).as(reply.described()).isEqualTo(503);
                assertThat(reply.json().getString("type"))
                        .isEqualTo("urn:orderflow:problem:payment-unavailable");
            }
        } finally {
            PaymentAnswers.remove(slow);
        }
        Api.Reply placed = Api.postJson("/orders", body, "Idempotency-Key", key);

        assertThat(placed.status()).as(placed.described()).isEqualTo(201);
        List<String> paymentKeys = Downstreams.paymentKeysOf(token);
        assertThat(paymentKeys)
                .as("the payment keys the payment service was asked with")
                .hasSize(4);
        assertThat(paymentKeys.stream().distinct()).hasSize(1);
        String orderId = placed.json().getString("id");
        String authorization =
                Database.text(
                        "select payment_authorization from orders where id = ?",
                        UUID.fromString(orderId));
        assertThat(authorization).isEqualTo("auth-" + paymentKeys.get(0));
        assertThat(Downstreams.voidsOf(authorization)).isZero();
        assertThat(
                        Database.number(
                                "select count(*) from payment_attempts where payment_key = ?",
                                paymentKeys.get(0)))
                .as("the attempt the order took over, left for no sweep to void")
                .isZero();
        Orders.awaitAllDone(orderId);
    }
}
