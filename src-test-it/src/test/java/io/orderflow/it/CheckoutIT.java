package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A placed order leads to exactly one of each side effect, each on its real component. */
@ExtendWith(ArquillianExtension.class)
class CheckoutIT {

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void a_placed_order_gets_each_of_its_six_effects_exactly_once() {
        String email = Orders.uniqueCustomer("ada");
        long bookReservedBefore = Database.number("select reserved from products where sku = 'BOOK-002'");
        long pairBefore = Database.number("select times from co_purchases where sku_a = 'BOOK-002' and sku_b = 'SHIRT-001'");
        long unitsBefore = Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'SHIRT-001'");

        Api.Reply placed = Api.postJson("/orders", Orders.body(email, "tok_ok", "BOOK-002", "2", "SHIRT-001", "3"));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().getString("id");
        assertThat(placed.header("Location")).endsWith("/api/orders/" + orderId);
        assertThat(placed.json().getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("148.70");
        Orders.awaitAllDone(orderId);

        UUID id = UUID.fromString(orderId);
        assertThat(Database.number("select count(*) from orders where id = ?", id)).isEqualTo(1);
        assertThat(Database.number("select count(*) from inventory_reservations where order_id = ? and state = 'RESERVED'", id)).isEqualTo(2);
        assertThat(Database.number("select reserved from products where sku = 'BOOK-002'")).isEqualTo(bookReservedBefore + 2);
        assertThat(Downstreams.mails(orderId, "OrderPlaced")).isEqualTo(1);
        assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);
        assertThat(Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'SHIRT-001'")).isEqualTo(unitsBefore + 3);
        assertThat(Database.number("select times from co_purchases where sku_a = 'BOOK-002' and sku_b = 'SHIRT-001'")).isEqualTo(pairBefore + 1);
        assertThat(Database.number("select count(*) from processed_messages where event_id in (select event_id from order_effects where order_id = ?)", id))
                .isEqualTo(6);

        Api.Reply found = Api.get("/search?q=" + email);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().getJsonArray("hits")).extracting(hit -> ((JsonObject) hit).getString("orderId")).containsExactly(orderId);
    }

    @Test
    void the_search_index_can_be_rebuilt_from_the_database() {
        String email = Orders.uniqueCustomer("rebuild");
        String orderId = Orders.place(email, "BOOK-001", "1");
        Orders.awaitAllDone(orderId);

        Api.Reply rebuilt = Api.postJson("/ops/search/rebuild", "", Api.asOps());

        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().getJsonNumber("indexed").longValue()).isEqualTo(Database.number("select count(*) from search_orders"));
        assertThat(Api.get("/search?q=" + email).json().getJsonArray("hits"))
                .extracting(hit -> ((JsonObject) hit).getString("orderId")).containsExactly(orderId);
    }

    @Test
    void a_cancelled_order_gives_its_stock_back_and_tells_mail_warehouse_and_search() {
        String email = Orders.uniqueCustomer("grace");
        long reservedBefore = Database.number("select reserved from products where sku = 'BOOK-003'");
        String orderId = Orders.place(email, "BOOK-003", "4");
        Orders.awaitAllDone(orderId);
        assertThat(Database.number("select reserved from products where sku = 'BOOK-003'")).isEqualTo(reservedBefore + 4);

        Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        Orders.awaitAllDone(orderId);
        assertThat(Orders.effects(orderId).getJsonObject("inventory").getString("event")).isEqualTo("OrderCancelled");
        assertThat(Database.number("select reserved from products where sku = 'BOOK-003'")).isEqualTo(reservedBefore);
        assertThat(Downstreams.mails(orderId, "OrderCancelled")).isEqualTo(1);
        assertThat(warehouse().findAll(postRequestedFor(urlPathMatching("/warehouse/fulfilments/" + orderId + "/cancellation")))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Api.get("/search?q=" + email).json().getJsonArray("hits").getJsonObject(0).getString("status")).isEqualTo("CANCELLED"));

        Api.Reply again = Api.postJson("/orders/" + orderId + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_order_and_another_body_is_refused() {
        String email = Orders.uniqueCustomer("retry");
        String key = UUID.randomUUID().toString();
        String body = Orders.body(email, "tok_ok", "MUG-001", "1");

        Api.Reply first = Api.postJson("/orders", body, "Idempotency-Key", key);
        Api.Reply retry = Api.postJson("/orders", body, "Idempotency-Key", key);
        Api.Reply reused = Api.postJson("/orders", Orders.body(email, "tok_ok", "MUG-001", "2"), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().getString("type")).isEqualTo("urn:orderflow:problem:idempotency-key-reused");
        assertThat(Database.number("select count(*) from orders where customer_email = ?", email)).isEqualTo(1);
    }

    private static WireMockServer warehouse() {
        return TestServices.services().warehouse().wireMock();
    }
}
