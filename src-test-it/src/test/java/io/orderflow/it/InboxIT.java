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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event that arrives again after it was handled changes nothing: the broker drops a re-send with the same
 * duplicate id, and each consumer's inbox skips a re-delivery that got past the broker (a new duplicate id, as a
 * manual re-send or a message restored from a backup would have).
 */
@ExtendWith(ArquillianExtension.class)
class InboxIT {

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @Test
    void an_event_delivered_again_repeats_no_effect() throws Exception {
        String email = Orders.uniqueCustomer("twice");
        String orderId = Orders.place(email, "BOOK-001", "1", "MUG-001", "2");
        Orders.awaitAllDone(orderId);
        UUID id = UUID.fromString(orderId);
        String eventId = Database.eventIdOf(id);
        Map<Effect, Long> addedBefore = Broker.messagesAddedPerEffect();
        long reserved = Database.number("select reserved from products where sku = 'MUG-001'");
        long mugUnits = Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'MUG-001'");
        long pairs = Database.number("select times from co_purchases where sku_a = 'BOOK-001' and sku_b = 'MUG-001'");
        String event = ExternalProducer.orderPlacedOf(Api.get("/orders/" + orderId).json(), eventId);

        ExternalProducer.publish(
                new ExternalProducer.Message(event, eventId, orderId),
                new ExternalProducer.Message(event, "resent-" + UUID.randomUUID(), orderId));

        // The second send (a new duplicate id) reaches every queue and is consumed; the first never got in.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Effect effect : Effect.values()) {
                assertThat(Broker.messagesAdded(effect.queue())).as(effect.queue()).isEqualTo(addedBefore.get(effect) + 1);
                assertThat(Broker.messageCount(effect.queue())).as(effect.queue()).isZero();
            }
        });
        assertThat(Database.number("select count(*) from inventory_reservations where order_id = ?", id)).isEqualTo(2);
        assertThat(Database.number("select reserved from products where sku = 'MUG-001'")).isEqualTo(reserved);
        assertThat(Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'MUG-001'")).isEqualTo(mugUnits);
        assertThat(Database.number("select times from co_purchases where sku_a = 'BOOK-001' and sku_b = 'MUG-001'")).isEqualTo(pairs);
        assertThat(Database.number("select count(*) from processed_messages where event_id = ?", eventId)).isEqualTo(6);
        assertThat(Downstreams.mails(orderId, "OrderPlaced")).isEqualTo(1);
        assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);
        assertThat(Api.get("/search?q=" + email).json().getJsonArray("hits")).hasSize(1);
    }
}
