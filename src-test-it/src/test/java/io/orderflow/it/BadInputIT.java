package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import jakarta.json.JsonObject;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad order gets the right 4xx with a problem body, and leaves nothing behind: no
 * order row, no payment authorization (unless the payment itself said no), no event on any queue.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final String EMAIL = "bad-input@example.com";

    static Stream<Arguments> badOrders() {
        String ok = Orders.body(EMAIL, "tok_ok", "BOOK-001", "1");
        String tooManyLines =
                "{\"customerEmail\":\""
                        + EMAIL
                        + "\",\"paymentToken\":\"tok_ok\",\"lines\":["
                        + IntStream.range(0, 51)
                                .mapToObj(i -> "{\"sku\":\"SKU-" + i + "\",\"quantity\":1}")
                                .collect(Collectors.joining(","))
                        + "]}";
        String oversize =
                "{\"customerEmail\":\""
                        + EMAIL
                        + "\",\"paymentToken\":\""
                        + "x".repeat(70_000)
                        + "\",\"lines\":[]}";
        return Stream.of(
                Arguments.of(
                        "malformed JSON",
                        "application/json",
                        "{\"customerEmail\": ",
                        400,
                        "malformed-body",
                        false),
                Arguments.of(
                        "a JSON array instead of an order",
                        "application/json",
                        "[1,2]",
                        400,
                        "malformed-body",
                        false),
                Arguments.of("no body", "application/json", "", 400, null, false),
                Arguments.of(
                        "no lines",
                        "application/json",
                        "{\"customerEmail\":\"" + EMAIL + "\",\"paymentToken\":\"tok_ok\"}",
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "no e-mail",
                        "application/json",
                        "{\"lines\":[{\"sku\":\"BOOK-001\",\"quantity\":1}],\"paymentToken\":\"tok_ok\"}",
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "not an e-mail",
                        "application/json",
                        Orders.body("not-an-address", "tok_ok", "BOOK-001", "1"),
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "quantity zero",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "BOOK-001", "0"),
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "negative quantity",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "BOOK-001", "-3"),
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "a quantity that is not whole",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "BOOK-001", "1.5"),
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "the same SKU twice",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "BOOK-001", "1", "BOOK-001", "2"),
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "too many lines",
                        "application/json",
                        tooManyLines,
                        400,
                        "invalid-order",
                        false),
                Arguments.of(
                        "a body over the size limit",
                        "application/json",
                        oversize,
                        413,
                        "body-too-large",
                        false),
                Arguments.of("a wrong content type", "text/plain", ok, 415, null, false),
                Arguments.of("no content type", null, ok, 415, null, false),
                Arguments.of(
                        "an unknown SKU",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "NOPE-404", "1"),
                        422,
                        "unknown-product",
                        false),
                Arguments.of(
                        "more than the stock",
                        "application/json",
                        Orders.body(EMAIL, "tok_ok", "POSTER-001", "4"),
                        409,
                        "insufficient-stock",
                        false),
                Arguments.of(
                        "a declined payment",
                        "application/json",
                        Orders.body(EMAIL, "tok_declined", "BOOK-001", "1"),
                        402,
                        "payment-declined",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void is_refused_with_a_problem_and_leaves_nothing_behind(
            String what,
            String contentType,
            String body,
            int status,
            String problemType,
            boolean reachesPayment) {
        long orders = Database.number("select count(*) from orders");
        int authorizations = Downstreams.authorizations();
        long published = Broker.messagesAdded("order.effects.inventory");

        Api.Reply reply = Api.post("/orders", contentType, body);

        assertThat(reply.status()).as(reply.described()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        if (problemType != null) {
            assertThat(problem.getString("type")).isEqualTo("urn:orderflow:problem:" + problemType);
        }
        assertThat(reply.body()).doesNotContain("Exception", "io.orderflow", "\tat ");

        assertThat(Database.number("select count(*) from orders")).isEqualTo(orders);
        assertThat(Database.ordersOf(EMAIL)).isZero();
        assertThat(Downstreams.authorizations())
                .isEqualTo(authorizations + (reachesPayment ? 1 : 0));
        assertThat(Broker.messagesAdded("order.effects.inventory")).isEqualTo(published);
    }

    static Stream<Arguments> invalidOrders() {
        return badOrders().filter(arguments -> "invalid-order".equals(arguments.get()[4]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void names_the_fields_at_fault_when_the_order_is_invalid(
            String what,
            String contentType,
            String body,
            int status,
            String problemType,
            boolean reachesPayment) {
        JsonObject problem = Api.post("/orders", contentType, body).json();
        assertThat(problem.getJsonArray("errors")).isNotEmpty();
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isNotBlank();
    }
}
