package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.orderflow.client.ApiClient;
import io.orderflow.client.ApiException;
import io.orderflow.client.api.OrdersApi;
import io.orderflow.client.api.SearchApi;
import io.orderflow.client.model.CustomerOrderView;
import io.orderflow.client.model.Hit;
import io.orderflow.client.model.OrderLineRequest;
import io.orderflow.client.model.OrderRequest;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client the build generates from docs/openapi.json (openapi-generator, its native
 * library), used as a customer's and a staff member's program would: a checkout with an
 * Idempotency-Key and its replay, a read, a cancellation, a refusal as an exception carrying the
 * problem, and a staff search with HTTP Basic. The description is then proven usable by the code
 * generators users point at it, method names and types included.
 */
@ExtendWith(ArquillianExtension.class)
class GeneratedClientIT {

    @Test
    void a_generated_client_orders_reads_cancels_and_searches() throws Exception {
        OrdersApi orders = new OrdersApi(client());
        String customer = Orders.uniqueCustomer("generated-client");
        String sku = Products.create("generated-client", 10);
        OrderRequest request =
                new OrderRequest()
                        .customerEmail(customer)
                        .paymentToken("tok_ok")
                        .lines(
                                List.of(
                                        new OrderLineRequest()
                                                .sku(sku)
                                                .quantity(new BigDecimal(2))));
        String key = UUID.randomUUID().toString();

        CustomerOrderView placed = orders.placeOrder(request, null, key);
        assertThat(placed.getStatus()).isEqualTo("PLACED");
        assertThat(placed.getLines())
                .singleElement()
                .satisfies(
                        line -> {
                            assertThat(line.getSku()).isEqualTo(sku);
                            assertThat(line.getQuantity()).isEqualTo(2);
                        });
        assertThat(orders.placeOrder(request, null, key).getId())
                .as("the replay under the same key")
                .isEqualTo(placed.getId());
        UUID id = UUID.fromString(placed.getId());
        assertThat(orders.getOrder(id).getCustomerEmail()).isEqualTo(customer);

        CustomerOrderView cancelled = orders.cancelOrder(id, Map.of());
        assertThat(cancelled.getStatus()).isEqualTo("CANCELLED");
        assertThat(cancelled.getCancelledAt()).isNotNull();

        ApiException unknown =
                catchThrowableOfType(ApiException.class, () -> orders.getOrder(UUID.randomUUID()));
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(unknown.getResponseHeaders().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(unknown.getResponseBody()).contains("urn:orderflow:problem:");

        SearchApi anonymous = new SearchApi(client());
        assertThat(
                        catchThrowableOfType(
                                        ApiException.class,
                                        () -> anonymous.searchOrders(20, customer))
                                .getCode())
                .as("search without credentials")
                .isEqualTo(401);
        ApiClient staffClient = client();
        String[] staff = Api.asStaff();
        staffClient.setRequestInterceptor(builder -> builder.header(staff[0], staff[1]));
        SearchApi search = new SearchApi(staffClient);
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .untilAsserted(
                        () ->
                                assertThat(search.searchOrders(20, customer).getHits())
                                        .extracting(Hit::getOrderId, Hit::getStatus)
                                        .containsExactly(tuple(placed.getId(), "CANCELLED")));
    }

    /** Pointed at the test server, as the description's server ("/") is wherever it was read. */
    private static ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Api.BASE.replaceFirst("/api$", ""));
        return client;
    }
}
