package io.orderflow.effects;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transient failures in a row per effect, on this node, counted after each delivery's transaction:
 * a commit ends the streak, a rollback for a failure a retry may fix extends it, and a streak as
 * long as the effect's setting hands the effect to its {@link KillSwitch}. Kept out of the switch
 * so that counting a delivery costs no bean invocation and no transaction.
 */
@ApplicationScoped
public class FailureStreaks {

    private final Map<Effect, AtomicInteger> streaks = new ConcurrentHashMap<>();

    @EJB KillSwitch killSwitch;

    @Resource ManagedExecutorService executor;

    void succeeded(Effect effect) {
        AtomicInteger streak = streaks.get(effect);
        if (streak != null) {
            streak.set(0);
        }
    }

    void failed(Effect effect, String why) {
        int failures = streaks.computeIfAbsent(effect, e -> new AtomicInteger()).incrementAndGet();
        int trips = KillSwitchSettings.of(effect).failuresInARow();
        if (trips > 0 && failures >= trips) {
            executor.execute(() -> killSwitch.trip(effect, failures, why));
        }
    }

    int of(Effect effect) {
        AtomicInteger streak = streaks.get(effect);
        return streak == null ? 0 : streak.get();
    }

    void reset(Effect effect) {
        succeeded(effect);
    }
}
