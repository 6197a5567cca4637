package io.orderflow.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void the_total_is_the_sum_of_the_lines() {
        Order order =
                new Order(
                        "ada@example.com",
                        List.of(
                                new OrderLine("BOOK-001", 2, new BigDecimal("54.90")),
                                new OrderLine("MUG-001", 3, new BigDecimal("12.00"))),
                        "auth-1",
                        now);

        assertThat(order.total()).isEqualByComparingTo("145.80");
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void an_order_is_cancelled_once() {
        Order order =
                new Order(
                        "ada@example.com",
                        List.of(new OrderLine("BOOK-001", 1, BigDecimal.TEN)),
                        "auth-1",
                        now);

        order.cancel(now.plusSeconds(60));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancelledAt()).isEqualTo(now.plusSeconds(60));
        assertThatThrownBy(() -> order.cancel(now.plusSeconds(120)))
                .isInstanceOf(OrderAlreadyCancelled.class);
    }
}
