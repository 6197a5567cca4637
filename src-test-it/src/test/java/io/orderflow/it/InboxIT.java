package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event that arrives again after it was handled changes nothing: the broker drops a re-send with
 * the same duplicate id, and each consumer's inbox skips a re-delivery that got past the broker (a
 * new duplicate id, as a manual re-send or a message restored from a backup would have).
 */
@ExtendWith(ArquillianExtension.class)
class InboxIT {

    @Test
    void an_event_delivered_again_repeats_no_effect() throws Exception {
        String email = Orders.uniqueCustomer("twice");
        String book = Products.create("inbox-book", 10);
        String mug = Products.create("inbox-mug", 10);
        String orderId = Orders.place(email, book, "1", mug, "2");
        Orders.awaitAllDone(orderId);
        String eventId = Database.eventIdOf(UUID.fromString(orderId), 1);
        Map<Effect, Long> addedBefore = Broker.messagesAddedPerEffect();
        String event =
                ExternalProducer.eventOf(
                        Api.get("/orders/" + orderId).json(), "OrderPlaced", eventId, 1);

        ExternalProducer.publish(
                new ExternalProducer.Message(event, eventId, orderId),
                new ExternalProducer.Message(event, "resent-" + UUID.randomUUID(), orderId));

        // The second send (a new duplicate id) reaches every queue and is consumed; the first never
        // got in.
        Broker.awaitOneMoreHandledByEveryEffect(addedBefore);
        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(30));
        assertThat(external.duplicateMails()).isZero();
        assertThat(external.duplicateWebhooks()).isZero();
        assertThat(Downstreams.fulfilmentRequests(orderId)).isEqualTo(1);
    }
}
