package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Deployments;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
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
 * Decoupled in time: an event published while no consumer is deployed waits in the effect queues, which exist
 * before any consumer does, and is handled once the consumers arrive.
 */
@ExtendWith(ArquillianExtension.class)
class ConsumerDownIT {

    private static final String DEPLOYMENT = "orderflow-later";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void an_event_published_while_the_consumers_are_undeployed_is_handled_when_they_return() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String email = Orders.uniqueCustomer("later");
        String event = ExternalProducer.orderPlaced(eventId, orderId, Instant.now().toString(), email, "BOOK-003", 1,
                new BigDecimal("39.90"));

        Map<Effect, Long> waiting = Arrays.stream(Effect.values())
                .collect(Collectors.toMap(Function.identity(), e -> Broker.messageCount(e.queue())));

        ExternalProducer.publish(new ExternalProducer.Message(event, eventId, orderId));

        for (Effect effect : Effect.values()) {
            assertThat(Broker.messageCount(effect.queue())).as(effect.queue()).isEqualTo(waiting.get(effect) + 1);
        }
        deployer.deploy(DEPLOYMENT);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Effect effect : Effect.values()) {
                    assertThat(Broker.messageCount(effect.queue())).as(effect.queue()).isZero();
                }
                assertThat(Database.number("select count(*) from processed_messages where event_id = ?", eventId)).isEqualTo(6);
            });
            assertThat(Database.number("select count(*) from inventory_reservations where order_id = ?", UUID.fromString(orderId))).isEqualTo(1);
            assertThat(Downstreams.mails(orderId, "OrderPlaced")).isEqualTo(1);
            assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);
            assertThat(Api.get("/search?q=" + email).json().getJsonArray("hits")).hasSize(1);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }
}
