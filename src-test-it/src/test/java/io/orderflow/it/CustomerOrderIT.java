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
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a customer reads by the order's id: the lines, the status and, per effect, where it stands
 * in plain words. Even while an effect fails, nothing of the failure shows (no exception, no
 * downstream's answer, no count of attempts); staff see all of it. A browser cannot be made to
 * cancel by another site's form.
 */
@ExtendWith(ArquillianExtension.class)
class CustomerOrderIT {

    private static final Set<String> CUSTOMER_FIELDS =
            Set.of(
                    "id",
                    "status",
                    "customerEmail",
                    "currency",
                    "total",
                    "createdAt",
                    "lines",
                    "progress");
    private static final String WAREHOUSE_ANSWER =
            "{\"error\":\"no such address\",\"trace\":\"at Warehouse.route(Warehouse.java:42)\"}";

    @Test
    void a_failing_effect_shows_the_customer_delayed_and_staff_why() {
        String customer = Orders.uniqueCustomer("customer-view");
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping refusal =
                warehouse.stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(customer))
                                .willReturn(
                                        aResponse().withStatus(422).withBody(WAREHOUSE_ANSWER)));
        try {
            String orderId = Orders.place(customer, Products.create("customer-view", 5), "2");
            JsonObject letter =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> DeadLetterDesk.of(orderId, "warehouse"),
                                    found -> found.isPresent())
                            .orElseThrow();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Orders.effects(orderId)
                                                            .getJsonObject("email")
                                                            .getString("state"))
                                            .isEqualTo("DONE"));

            Api.Reply customerView = Api.get("/orders/" + orderId);

            assertThat(customerView.status()).isEqualTo(200);
            JsonObject order = customerView.json();
            assertThat(order.keySet())
                    .isSubsetOf(CUSTOMER_FIELDS)
                    .contains("lines", "progress", "status");
            assertThat(order.getString("status")).isEqualTo("PLACED");
            assertThat(order.getJsonArray("lines")).hasSize(1);
            assertThat(order.getJsonObject("progress").getString("warehouse")).isEqualTo("delayed");
            assertThat(order.getJsonObject("progress").getString("email")).isEqualTo("done");
            assertThat(customerView.body())
                    .doesNotContain(
                            "no such address",
                            // the failure as staff read it; a bare "422" turns up in random ids
                            "answered 422",
                            "Exception",
                            "Warehouse.java",
                            "attempts",
                            "lastError");

            Api.Reply staffView = Api.get("/ops/orders/" + orderId, Api.asStaff());
            assertThat(
                            staffView
                                    .json()
                                    .getJsonObject("effects")
                                    .getJsonObject("warehouse")
                                    .getString("state"))
                    .isEqualTo("DEAD_LETTERED");
            assertThat(staffView.body()).contains("no such address");

            warehouse.removeStub(refusal);
            Api.Reply discarded =
                    DeadLetterDesk.discard(
                            List.of(letter.getString("messageId")),
                            "address confirmed by phone, shipped by hand");
            assertThat(discarded.status()).as(discarded.described()).isEqualTo(200);
            assertThat(
                            Api.get("/orders/" + orderId)
                                    .json()
                                    .getJsonObject("progress")
                                    .getString("warehouse"))
                    .isEqualTo("not needed");
        } finally {
            warehouse.removeStub(refusal);
        }
    }

    @Test
    void a_form_cannot_cancel_an_order_and_the_order_is_untouched() {
        String orderId =
                Orders.place(
                        Orders.uniqueCustomer("form-cancel"),
                        Products.create("form-cancel", 5),
                        "1");
        Orders.awaitAllDone(orderId);

        Api.Reply form =
                Api.post(
                        "/orders/" + orderId + "/cancel",
                        "application/x-www-form-urlencoded",
                        "confirm=yes");
        Api.Reply text = Api.post("/orders/" + orderId + "/cancel", "text/plain", "{}");

        for (Api.Reply refused : List.of(form, text)) {
            assertThat(refused.status()).as(refused.described()).isEqualTo(415);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(Api.get("/orders/" + orderId).json().getString("status")).isEqualTo("PLACED");
        assertThat(Downstreams.mails(orderId, "OrderCancelled")).isZero();
    }

    @Test
    void an_unknown_or_malformed_order_id_is_404_and_says_nothing_of_other_orders() {
        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-an-id", "*")) {
            Api.Reply reply = Api.get("/orders/" + id);

            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain("@example.com");
        }
    }
}
