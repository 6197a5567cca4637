package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import io.orderflow.messaging.Queues;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A void is never only logged: a cancellation's void that the payment service refuses is retried
 * from its queue with backoff, and once its attempts are used up it waits on the dead-letter desk,
 * from where it goes through after the payment service is back.
 */
@ExtendWith(ArquillianExtension.class)
class PaymentVoidsIT {

    private static final String VOIDS = Queues.PAYMENT_VOIDS;

    @Test
    void a_refused_void_is_retried_then_waits_on_the_desk_and_goes_through_when_sent_back() {
        WireMockServer payment = TestServices.services().payment().wireMock();
        String orderId =
                Orders.place(
                        Orders.uniqueCustomer("void-refused"),
                        Products.create("void-refused", 1),
                        "1");
        String authorization =
                Database.text(
                        "select payment_authorization from orders where id = ?",
                        UUID.fromString(orderId));
        String voidUrl = "/payments/authorizations/" + authorization + "/void";
        StubMapping refusal =
                payment.stubFor(
                        post(urlEqualTo(voidUrl))
                                .atPriority(1)
                                .willReturn(
                                        aResponse()
                                                .withStatus(503)
                                                .withBody("payments are resting")));
        Broker.writeAddressSetting(VOIDS, "max-delivery-attempts", new ModelNode(3));
        try {
            assertThat(Api.postJson("/orders/" + orderId + "/cancel", "").status()).isEqualTo(200);

            JsonObject letter =
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> voidOnTheDesk(), l -> l != null);
            assertThat(payment.findAll(postRequestedFor(urlEqualTo(voidUrl))))
                    .as("attempts of the void")
                    .hasSize(3);
            assertThat(Downstreams.authorizationsStanding()).contains(authorization);

            payment.removeStub(refusal);
            assertThat(
                            DeadLetterDesk.retry(List.of(letter.getString("messageId")))
                                    .json()
                                    .getInt("done"))
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(Downstreams.authorizationsStanding())
                                            .doesNotContain(authorization));
        } finally {
            payment.removeStub(refusal);
            Broker.writeAddressSetting(VOIDS, "max-delivery-attempts", new ModelNode(100));
        }
    }

    private static JsonObject voidOnTheDesk() {
        return DeadLetterDesk.listing()
                .getJsonArray("deadLetters")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(letter -> letter.getString("source").equals("payment-voids"))
                .findFirst()
                .orElse(null);
    }
}
