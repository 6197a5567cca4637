package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Placing orders and waiting for their effects, the way the tests need it again and again. */
public final class Orders {

    public static final List<String> EFFECTS =
            Arrays.stream(Effect.values()).map(Effect::key).toList();

    private Orders() {}

    /** An address no other test uses, so that counts per customer belong to one test alone. */
    public static String uniqueCustomer(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String body(String email, String token, String... skuQuantityPairs) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            lines.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"")
                    .append(skuQuantityPairs[i])
                    .append("\",\"quantity\":")
                    .append(skuQuantityPairs[i + 1])
                    .append('}');
        }
        return "{\"customerEmail\":\""
                + email
                + "\",\"lines\":["
                + lines
                + "],\"paymentToken\":\""
                + token
                + "\"}";
    }

    /**
     * Places an order that must be accepted, and returns its id. As a client should, under one
     * Idempotency-Key, asked again while the answer is a 503 (a busy machine may keep the payment
     * service from answering within the test server's 2 s): one order whatever the retries.
     */
    public static String place(String email, String... skuQuantityPairs) {
        String body = body(email, "tok_ok", skuQuantityPairs);
        String key = UUID.randomUUID().toString();
        Api.Reply reply =
                await().atMost(Duration.ofSeconds(60))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () -> Api.postJson("/orders", body, "Idempotency-Key", key),
                                answer -> answer.status() != 503);
        assertThat(reply.status()).as(reply.described()).isEqualTo(201);
        return reply.json().getString("id");
    }

    /** Per effect, its state and failures, as staff see them. */
    public static JsonObject effects(String orderId) {
        Api.Reply reply = Api.get("/ops/orders/" + orderId, Api.asStaff());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return reply.json().getJsonObject("effects");
    }

    /** Waits until every effect of the order's latest event is DONE. */
    public static void awaitAllDone(String orderId) {
        // no first delay: DONE is final, and the checks that run this over hundreds of orders find
        // most of them done already. Two minutes: an effect whose row a transaction in doubt holds
        // (a broker or a node killed) retries for 91 s before it gives up (analytics' and
        // recommendations' eight attempts), and may be done only at its last one
        await().atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> {
                            JsonObject effects = effects(orderId);
                            for (String effect : EFFECTS) {
                                JsonObject status = effects.getJsonObject(effect);
                                assertThat(status.getString("state"))
                                        .as("%s of order %s: %s", effect, orderId, status)
                                        .isEqualTo("DONE");
                            }
                        });
    }
}
