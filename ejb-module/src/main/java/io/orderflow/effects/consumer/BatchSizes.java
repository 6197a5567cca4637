package io.orderflow.effects.consumer;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectSetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many waiting events an effect's consumer may take into the transaction that delivered the
 * first: {@code orderflow.effects.<effect>.batch-size} (1 takes one at a time). After a delivery of
 * the effect rolled back on this node, its events are taken one at a time for {@code
 * orderflow.effects.<effect>.one-at-a-time-after-failure-seconds}: the events of a failed batch
 * come back as redeliveries, each on its own, and a failing event does not take fresh neighbours
 * down with it again while it is being retried.
 */
@ApplicationScoped
public class BatchSizes {

    private final Map<Effect, Integer> sizes = new EnumMap<>(Effect.class);
    private final Map<Effect, Duration> aloneAfterFailure = new EnumMap<>(Effect.class);
    private final Map<Effect, Instant> lastFailure = new ConcurrentHashMap<>();

    public BatchSizes() {
        for (Effect effect : Effect.values()) {
            sizes.put(effect, Math.max(1, EffectSetting.of(effect, "batch-size", 20)));
            aloneAfterFailure.put(
                    effect,
                    Duration.ofSeconds(
                            EffectSetting.of(effect, "one-at-a-time-after-failure-seconds", 30)));
        }
    }

    /** The most events to take into a transaction now. */
    int now(Effect effect) {
        Instant failed = lastFailure.get(effect);
        if (failed != null && failed.plus(aloneAfterFailure.get(effect)).isAfter(Instant.now())) {
            return 1;
        }
        return sizes.get(effect);
    }

    void failed(Effect effect) {
        lastFailure.put(effect, Instant.now());
    }
}
