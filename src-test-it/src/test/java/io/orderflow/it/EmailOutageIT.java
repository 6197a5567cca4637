package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.MailServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's story, end to end over HTTP: the mail server is down, the customer's checkout still
 * succeeds; the confirmation is retried with backoff and, once the mail server is back, arrives
 * exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class EmailOutageIT {

    @Test
    void a_mail_outage_never_fails_a_checkout_and_the_mail_arrives_once_it_is_over() {
        MailServer mail = TestServices.services().mail();
        String email = Orders.uniqueCustomer("patient");
        mail.outage();
        try {
            Api.Reply placed =
                    Api.postJson(
                            "/orders",
                            Orders.body(email, "tok_ok", Products.create("mail", 1), "1"));

            assertThat(placed.status()).as(placed.described()).isEqualTo(201);
            String orderId = placed.json().getString("id");
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> {
                                JsonObject effects = Orders.effects(orderId);
                                assertThat(effects.getJsonObject("email").getString("state"))
                                        .isEqualTo("RETRYING");
                                assertThat(effects.getJsonObject("email").getInt("attempts"))
                                        .isGreaterThanOrEqualTo(2);
                                assertThat(effects.getJsonObject("email").getString("lastError"))
                                        .isNotBlank();
                                for (String other :
                                        new String[] {
                                            "inventory",
                                            "search",
                                            "warehouse",
                                            "analytics",
                                            "recommendations"
                                        }) {
                                    assertThat(effects.getJsonObject(other).getString("state"))
                                            .as(other)
                                            .isEqualTo("DONE");
                                }
                            });
            assertThat(Downstreams.mails(orderId, "OrderPlaced")).isZero();

            mail.resume();

            Checker.ExternalCounts external =
                    Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(90));
            assertThat(external.duplicateMails()).isZero();
        } finally {
            mail.resume();
        }
    }
}
