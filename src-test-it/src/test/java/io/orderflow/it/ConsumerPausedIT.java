package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decoupled in time: the email consumer is paused (an operator's switch, not an undeploy), orders
 * keep being placed and answered; their mails wait in the queue, and after the resume every one
 * arrives, once.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumerPausedIT {

    @Test
    void orders_placed_while_the_email_consumer_is_paused_get_their_mail_once_it_resumes() {
        long waitingBefore = Broker.messageCount(Effect.EMAIL.queue());
        Api.Reply paused = Api.postJson("/ops/effects/email/pause", "", Api.asOps());
        assertThat(paused.status()).as(paused.described()).isEqualTo(200);
        assertThat(paused.json().getBoolean("paused")).isTrue();
        List<String> orders = new ArrayList<>();
        try {
            String book = Products.create("paused", 5);
            for (int i = 0; i < 5; i++) {
                orders.add(Orders.place(Orders.uniqueCustomer("paused"), book, "1"));
            }

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                for (String orderId : orders) {
                                    JsonObject effects = Orders.effects(orderId);
                                    assertThat(effects.getJsonObject("email").getString("state"))
                                            .isEqualTo("PENDING");
                                    assertThat(
                                                    effects.getJsonObject("warehouse")
                                                            .getString("state"))
                                            .isEqualTo("DONE");
                                }
                            });
            assertThat(Broker.messageCount(Effect.EMAIL.queue()))
                    .isEqualTo(waitingBefore + orders.size());
            for (String orderId : orders) {
                assertThat(Downstreams.mails(orderId, "OrderPlaced")).isZero();
            }
        } finally {
            Api.Reply resumed = Api.postJson("/ops/effects/email/resume", "", Api.asOps());
            assertThat(resumed.json().getBoolean("paused")).isFalse();
        }

        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(orders, Duration.ofSeconds(60));
        assertThat(external.duplicateMails()).isZero();
    }
}
