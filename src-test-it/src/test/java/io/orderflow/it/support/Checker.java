package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.orderflow.effects.Effect;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checker the failure proofs share. Given the orders that got a 201, it verifies per effect that every order has
 * its effect and none has it twice, that the effect queues are empty, and it counts what reached the external
 * services (mails per Message-ID, accepted webhooks per Idempotency-Key), which are at-least-once by design.
 */
public final class Checker {

    /** What reached the mail server and the warehouse, per order: more than one of either is a duplicate. */
    public record ExternalCounts(Map<String, Long> mailsPerOrder, Map<String, Long> acceptedWebhooksPerOrder) {

        public long duplicateMails() {
            return mailsPerOrder.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        }

        public long duplicateWebhooks() {
            return acceptedWebhooksPerOrder.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        }
    }

    private Checker() {
    }

    /** Waits until every effect of every order is DONE, then checks the internal effects happened exactly once. */
    public static ExternalCounts verifyEveryEffectOnce(Collection<String> orderIds, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String orderId : orderIds) {
                JsonObject effects = Orders.effects(orderId);
                for (String effect : Orders.EFFECTS) {
                    assertThat(effects.getJsonObject(effect).getString("state")).as(orderId + " " + effect).isEqualTo("DONE");
                }
            }
        });
        for (String orderId : orderIds) {
            UUID id = UUID.fromString(orderId);
            long lines = Database.number("select count(*) from order_lines where order_id = ?", id);
            assertThat(Database.number("select count(*) from inventory_reservations where order_id = ?", id)).as(orderId).isEqualTo(lines);
            assertThat(Database.number("select count(*) from search_orders where order_id = ?", id)).as(orderId).isEqualTo(1);
            long events = Database.number("select count(distinct event_id) from processed_messages where order_id = ?", id);
            assertThat(Database.number("select count(*) from processed_messages where order_id = ?", id)).as(orderId)
                    .isEqualTo(events * Effect.values().length);
        }
        assertEffectQueuesEmpty();
        ExternalCounts external = externalCounts(orderIds);
        assertThat(external.mailsPerOrder().values()).as("every order's mail arrived").allMatch(n -> n >= 1);
        assertThat(external.acceptedWebhooksPerOrder().values()).as("every order's webhook was accepted").allMatch(n -> n >= 1);
        System.out.printf("checker: %d orders, %d duplicate mails, %d duplicate accepted webhooks%n",
                orderIds.size(), external.duplicateMails(), external.duplicateWebhooks());
        return external;
    }

    /** Waits until the effect queues are empty: a redelivery still scheduled is acknowledged once it comes. */
    public static void assertEffectQueuesEmpty() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Effect effect : Effect.values()) {
                assertThat(Broker.messageCount(effect.queue())).as(effect.queue()).isZero();
            }
        });
    }

    /** Messages now in each dead-letter queue. */
    public static Map<Effect, Long> deadLetters() {
        return List.of(Effect.values()).stream()
                .collect(Collectors.toMap(Function.identity(), e -> Broker.messageCount("DLQ." + e.queue())));
    }

    private static ExternalCounts externalCounts(Collection<String> orderIds) {
        List<ServeEvent> webhooks = TestServices.services().warehouse().wireMock().getAllServeEvents();
        Map<String, Long> mails = orderIds.stream().collect(Collectors.toMap(Function.identity(),
                id -> Downstreams.mails(id, "OrderPlaced")));
        Map<String, Long> accepted = orderIds.stream().collect(Collectors.toMap(Function.identity(),
                id -> webhooks.stream()
                        .filter(e -> e.getRequest().getUrl().equals("/warehouse/fulfilments"))
                        .filter(e -> e.getRequest().getBodyAsString().contains(id))
                        .filter(e -> e.getResponse().getStatus() / 100 == 2)
                        .count()));
        return new ExternalCounts(mails, accepted);
    }
}
