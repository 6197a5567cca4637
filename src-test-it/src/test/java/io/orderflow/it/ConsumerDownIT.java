package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decoupled in time: the consumers go away (the EAR is undeployed) while an order's events wait in
 * the effect queues, which belong to the broker, not to the application; the events are handled
 * once the consumers are back.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumerDownIT {

    private static final String DEPLOYMENT = "orderflow-later";

    @ArquillianResource Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void events_that_wait_while_the_consumers_are_undeployed_are_handled_when_they_return() {
        Map<Effect, Long> waiting =
                Arrays.stream(Effect.values())
                        .collect(
                                Collectors.toMap(
                                        Function.identity(), e -> Broker.messageCount(e.queue())));
        deployer.deploy(DEPLOYMENT);
        Arrays.stream(Effect.values()).forEach(effect -> Broker.pause(effect.queue()));
        String orderId;
        try {
            orderId =
                    Orders.place(Orders.uniqueCustomer("later"), Products.create("later", 1), "1");
        } finally {
            deployer.undeploy(DEPLOYMENT);
            Arrays.stream(Effect.values()).forEach(effect -> Broker.resume(effect.queue()));
        }

        for (Effect effect : Effect.values()) {
            assertThat(Broker.messageCount(effect.queue()))
                    .as(effect.queue() + " with no consumer")
                    .isEqualTo(waiting.get(effect) + 1);
        }
        deployer.deploy(DEPLOYMENT);
        try {
            Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }
}
