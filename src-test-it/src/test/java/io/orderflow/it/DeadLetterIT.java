package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.Refusal;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An effect that keeps failing is redelivered with backoff until its policy's attempts are used up,
 * then the broker moves the message to the effect's own dead-letter queue, and the order shows the
 * effect DEAD_LETTERED with its attempts and last error. Neither the order's other effects nor
 * other orders are held up meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLetterIT {

    private static final String RECOMMENDATIONS_DLQ = "DLQ." + Effect.RECOMMENDATIONS.queue();

    @Test
    void an_effect_that_always_fails_is_dead_lettered_after_its_attempts_and_shows_why() {
        // the poison: the database refuses every co-purchase row of this mug, so the
        // recommendations effect fails on an order of the mug with a saucer, every time; its
        // attempts cut from eight (35 s) to four (3.5 s) for the test, its backoff as configured
        String queue = Effect.RECOMMENDATIONS.queue();
        ModelNode configured = Broker.readAddressSetting(queue, "max-delivery-attempts");
        Broker.writeAddressSetting(queue, "max-delivery-attempts", new ModelNode(4));
        long deadBefore = Broker.messageCount(RECOMMENDATIONS_DLQ);
        int attempts = Broker.resolveAddressSetting(queue).get("max-delivery-attempts").asInt();
        String mug = Products.create("poison", 1000);
        String saucer = Products.create("saucer", 1000);
        try (Refusal poison =
                Refusal.ofInserts(
                        "co_purchases_seen",
                        "new.sku_a = '" + mug + "' or new.sku_b = '" + mug + "'",
                        "poisoned co-purchase row for the test")) {
            String orderId = Orders.place(Orders.uniqueCustomer("poison"), mug, "1", saucer, "1");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Orders.effects(orderId)
                                                            .getJsonObject("recommendations")
                                                            .getInt("attempts"))
                                            .isGreaterThanOrEqualTo(2));

            // while the poison is being retried, another order's recommendations go through: one
            // order's poison stalls no other
            String healthy = Orders.place(Orders.uniqueCustomer("healthy"), mug, "1");
            Orders.awaitAllDone(healthy);
            Instant healthyDone =
                    Instant.parse(
                            Orders.effects(healthy)
                                    .getJsonObject("recommendations")
                                    .getString("completedAt"));

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(
                            () -> {
                                JsonObject recommendations =
                                        Orders.effects(orderId).getJsonObject("recommendations");
                                assertThat(recommendations.getString("state"))
                                        .isEqualTo("DEAD_LETTERED");
                                assertThat(recommendations.getInt("attempts")).isEqualTo(attempts);
                                assertThat(recommendations.getString("lastError"))
                                        .contains("poisoned co-purchase row for the test");
                            });
            Instant poisonLastFailed =
                    Instant.parse(
                            Orders.effects(orderId)
                                    .getJsonObject("recommendations")
                                    .getJsonObject("failure")
                                    .getString("lastFailedAt"));
            assertThat(healthyDone).isBefore(poisonLastFailed);
            assertThat(Broker.messageCount(RECOMMENDATIONS_DLQ)).isEqualTo(deadBefore + 1);
            assertThat(Broker.messageCount(Effect.RECOMMENDATIONS.queue())).isZero();
            JsonObject effects = Orders.effects(orderId);
            for (String other :
                    new String[] {"inventory", "email", "search", "warehouse", "analytics"}) {
                assertThat(effects.getJsonObject(other).getString("state"))
                        .as(other)
                        .isEqualTo("DONE");
            }
        } finally {
            Broker.writeAddressSetting(queue, "max-delivery-attempts", configured);
        }
    }
}
