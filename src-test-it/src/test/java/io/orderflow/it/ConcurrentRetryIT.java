package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.Race;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that fires the same request several times at once, with one Idempotency-Key, gets one
 * order, and the card is authorized once: the first request holds the key while it talks to the
 * payment service, the others wait for its outcome.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrentRetryIT {

    private static final int CONCURRENT = 8;

    @Test
    void the_same_key_sent_concurrently_makes_one_order_and_one_authorization() throws Exception {
        String email = Orders.uniqueCustomer("eager");
        String key = UUID.randomUUID().toString();
        String token = "tok_slow_" + UUID.randomUUID();
        String body = Orders.body(email, token, Products.create("eager", 1), "1");
        // the payment service takes a second, so the other seven arrive while the first holds the
        // key
        StubMapping slow = PaymentAnswers.slow(token, 1000);
        int authorizations = Downstreams.authorizations();
        try {
            List<Api.Reply> answers =
                    Race.of(CONCURRENT, i -> Api.postJson("/orders", body, "Idempotency-Key", key));

            assertThat(answers).extracting(Api.Reply::status).containsOnly(201);
            assertThat(answers)
                    .extracting(reply -> reply.json().getString("id"))
                    .containsOnly(answers.get(0).json().getString("id"));
            assertThat(Database.ordersOf(email)).isEqualTo(1);
            assertThat(Downstreams.authorizations() - authorizations)
                    .as("authorizations the payment service received")
                    .isEqualTo(1);
            assertThat(answers)
                    .filteredOn(reply -> "true".equals(reply.header("Idempotent-Replayed")))
                    .hasSize(CONCURRENT - 1);
            Orders.awaitAllDone(answers.get(0).json().getString("id"));
        } finally {
            PaymentAnswers.remove(slow);
        }
    }
}
