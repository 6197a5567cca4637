package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.SystemProperties;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer waits for a checkout's answer a bounded time, whatever the checkout waits on (in the
 * cluster, a broker failing over held checkouts past 30 s): at the deadline the answer is a 503
 * problem with Retry-After, the checkout goes on, and the retry under the same Idempotency-Key gets
 * the order it placed, authorized once.
 */
@ExtendWith(ArquillianExtension.class)
class CheckoutDeadlineIT {

    private static final String DEADLINE = "orderflow.checkout.answer-within-seconds";

    private static final int MANAGEMENT_PORT =
            Integer.getInteger("orderflow.it.management.port", 10090);

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

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
            SystemProperties.set(MANAGEMENT_PORT, DEADLINE, "1");
            try {
                late = Api.postJson("/orders", body, "Idempotency-Key", key);
            } finally {
                SystemProperties.remove(MANAGEMENT_PORT, DEADLINE);
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

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
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
