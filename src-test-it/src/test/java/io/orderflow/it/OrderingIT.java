package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Orders;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-order ordering at a concurrency above one: hundreds of orders placed and cancelled back to back. Every effect
 * handles each order's OrderPlaced before its OrderCancelled (JMSXGroupID = order id), so the stock ends where it
 * began.
 */
@ExtendWith(ArquillianExtension.class)
class OrderingIT {

    private static final int ORDERS = 200;
    private static final int CLIENTS = 4;

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void orders_placed_and_cancelled_back_to_back_are_handled_in_order_by_every_effect() {
        long reservedBefore = reserved();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<String> orders;
        try {
            orders = IntStream.range(0, ORDERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        String orderId = Orders.place(Orders.uniqueCustomer("fickle"), "BOOK-001", "1", "MUG-001", "2");
                        Api.Reply cancelled = Api.postJson("/orders/" + orderId + "/cancel", "");
                        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
                        return orderId;
                    }, clients))
                    .toList().stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdownNow();
        }

        Checker.verifyEveryEffectOnce(orders, Duration.ofMinutes(3));
        assertThat(reserved()).isEqualTo(reservedBefore);
        for (String orderId : orders) {
            for (Effect effect : Effect.values()) {
                assertThat(Database.number(
                        "select count(*) from processed_messages placed join processed_messages cancelled "
                                + "on placed.consumer = cancelled.consumer and placed.order_id = cancelled.order_id "
                                + "where placed.consumer = ? and placed.order_id = ? "
                                + "and placed.event_type = 'OrderPlaced' and cancelled.event_type = 'OrderCancelled' "
                                + "and placed.processed_at < cancelled.processed_at",
                        effect.key(), UUID.fromString(orderId)))
                        .as(orderId + " " + effect).isEqualTo(1);
            }
        }
    }

    private static long reserved() {
        return Database.number("select sum(reserved) from products where sku in ('BOOK-001', 'MUG-001')");
    }
}
