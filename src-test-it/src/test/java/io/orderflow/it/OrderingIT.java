package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.FickleOrders;
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
 * Per order and per effect, events are applied in sequence, also when attempts fail: a message
 * group does not hold an order's next event while a rolled-back one waits for its redelivery, so
 * the consumers do (an event that comes before its predecessor is applied is held and sent again
 * after it). The failures are real and transient, on every effect: the database refuses first
 * attempts, the mail server answers 451, the warehouse 503.
 */
@ExtendWith(ArquillianExtension.class)
class OrderingIT {

    private static final int ORDERS = 40;
    private static final int CLIENTS = 4;

    @Test
    void a_cancellation_right_after_a_failed_fulfilment_never_ships_the_order() {
        WireMockServer warehouse = warehouse();
        String email = Orders.uniqueCustomer("ships-not");
        StubMapping outage =
                warehouse.stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(email))
                                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        String orderId = Orders.place(email, Products.create("ships-not", 1), "1");
        await().atMost(Duration.ofSeconds(30)).until(() -> fulfilmentsOf(email) >= 1);

        Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.described()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonObject effect = Orders.effects(orderId).getJsonObject("warehouse");
                            assertThat(effect.getString("state")).isEqualTo("WAITING");
                            assertThat(effect.getString("event")).isEqualTo("OrderCancelled");
                            assertThat(effect.getJsonObject("waitingFor").getString("event"))
                                    .isEqualTo("OrderPlaced");
                            assertThat(effect.getJsonObject("waitingFor").getString("state"))
                                    .isEqualTo("RETRYING");
                        });
        warehouse.removeStub(outage);

        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
    }

    @Test
    void
            orders_placed_and_cancelled_by_several_clients_are_applied_in_sequence_by_every_effect_despite_failures() {
        FickleOrders.placeCancelAndVerifyInSequence(ORDERS, CLIENTS);
    }

    private static long fulfilmentsOf(String email) {
        return warehouse().getAllServeEvents().stream()
                .filter(call -> call.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .filter(call -> call.getRequest().getBodyAsString().contains(email))
                .count();
    }

    private static WireMockServer warehouse() {
        return TestServices.services().warehouse().wireMock();
    }
}
