package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.EffectControls;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decoupled in time: the consumers go away (the EAR is undeployed) while an order's events wait in
 * the effect queues, which belong to the broker, not to the application; the events are handled
 * once the consumers are back.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumerDownIT {

    @Test
    void events_that_wait_while_the_consumers_are_undeployed_are_handled_when_they_return() {
        String orderId;
        Management.undeploy();
        try {
            Map<Effect, Long> waiting =
                    Arrays.stream(Effect.values())
                            .collect(
                                    Collectors.toMap(
                                            Function.identity(),
                                            e -> Broker.messageCount(e.queue())));
            orderId = placedWhileTheEffectsArePaused();
            Management.undeploy();

            for (Effect effect : Effect.values()) {
                assertThat(Broker.messageCount(effect.queue()))
                        .as(effect.queue() + " with no consumer")
                        .isEqualTo(waiting.get(effect) + 1);
            }
        } finally {
            Management.deploy();
            everyEffect("resume");
        }
        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
    }

    /**
     * Placed through the API, deployed only for that, with every effect paused by an operator at
     * once: the consumers deployed with it take nothing. The operator's pauses are recorded, so the
     * deployment that brings the consumers back keeps them (a starting OrderFlow resumes a paused
     * queue with no pause recorded) until the operator resumes.
     */
    private static String placedWhileTheEffectsArePaused() {
        Management.deploy();
        everyEffect("pause");
        return Orders.place(Orders.uniqueCustomer("later"), Products.create("later", 1), "1");
    }

    private static void everyEffect(String action) {
        Arrays.stream(Effect.values())
                .forEach(effect -> EffectControls.act(Api.BASE, effect.key(), action));
    }
}
