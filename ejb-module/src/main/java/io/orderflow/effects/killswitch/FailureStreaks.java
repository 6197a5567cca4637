package io.orderflow.effects.killswitch;

import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.DeliveryOutcomes;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transient failures in a row per effect, on this node, counted after each delivery's transaction
 * (the consumer template tells it, as its {@link DeliveryOutcomes}): a commit ends the streak, a
 * rollback for a failure a retry may fix extends it, and a streak as long as the effect's setting,
 * over more than one event, hands the effect to its {@link KillSwitch}. One event failing again and
 * again is that event's trouble, not its downstream's: it goes through its redeliveries to the
 * dead-letter queue with the queue running. Kept out of the switch so that counting a delivery
 * costs no bean invocation and no transaction.
 */
@ApplicationScoped
public class FailureStreaks implements DeliveryOutcomes {

    private final Map<Effect, Streak> streaks = new ConcurrentHashMap<>();

    @EJB KillSwitch killSwitch;

    @Resource ManagedExecutorService executor;

    @Override
    public void succeeded(Effect effect) {
        Streak streak = streaks.get(effect);
        if (streak != null) {
            streak.end();
        }
    }

    @Override
    public void failed(Effect effect, String why, String eventId) {
        Streak streak = streaks.computeIfAbsent(effect, e -> new Streak());
        int failures = streak.extend(eventId);
        int trips = KillSwitchSettings.of(effect).failuresInARow();
        if (trips > 0 && failures >= trips) {
            executor.execute(() -> killSwitch.trip(effect, failures, why));
        }
    }

    int of(Effect effect) {
        Streak streak = streaks.get(effect);
        return streak == null ? 0 : streak.failures();
    }

    void reset(Effect effect) {
        succeeded(effect);
    }

    private static final class Streak {

        private int failures;
        private String onlyEvent;
        private boolean severalEvents;

        synchronized void end() {
            failures = 0;
            onlyEvent = null;
            severalEvents = false;
        }

        /**
         * @return the failures in a row, or 0 while they are all one event's
         */
        synchronized int extend(String eventId) {
            failures++;
            if (eventId == null || (onlyEvent != null && !onlyEvent.equals(eventId))) {
                severalEvents = true;
            } else {
                onlyEvent = eventId;
            }
            return severalEvents ? failures : 0;
        }

        synchronized int failures() {
            return failures;
        }
    }
}
