package io.orderflow.effects;

import io.orderflow.messaging.BrokerQueues;
import io.orderflow.metrics.EffectMeters;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Stops an effect from burning its events' delivery attempts while its downstream is away: after
 * {@link KillSwitchSettings#failuresInARow} transient failures in a row ({@link FailureStreaks}),
 * the effect's queue is paused; after a cool-down an {@link EffectProbe} applies the first waiting
 * event without consuming it; passed (or inconclusive), the queue is resumed, failed, the cool-down
 * doubles (up to its longest) and the queue stays paused. An operator's pause or resume takes the
 * queue back ({@link #override}); an operator can switch it off and on per effect.
 *
 * <p>Per node: the node whose deliveries tripped it probes and resumes; the pause holds for every
 * node, being the broker's. A node that dies while its switch is open leaves the queue paused until
 * an operator resumes it or the broker restarts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KillSwitch {

    private static final Logger LOG = Logger.getLogger(KillSwitch.class.getName());

    public enum State {
        CLOSED,
        OPEN
    }

    /**
     * What the switch of one effect is doing, for the operator.
     *
     * @param enabled false when an operator switched it off
     * @param failuresInARow the current streak on this node; it trips at {@code tripsAfter}
     * @param nextProbeAt when open, when it probes next
     * @param failedProbes probes failed since it opened
     * @param lastFailure the failure that tripped it or the last probe's
     */
    public record Status(
            boolean enabled,
            State state,
            int failuresInARow,
            int tripsAfter,
            Instant openedAt,
            Instant nextProbeAt,
            int failedProbes,
            String lastFailure) {}

    private static final class Switch {
        boolean enabled = true;
        State state = State.CLOSED;
        Instant openedAt;
        Instant nextProbeAt;
        Duration coolDown;
        int failedProbes;
        String lastFailure;
    }

    private final Map<Effect, Switch> switches = new EnumMap<>(Effect.class);

    @Resource TimerService timers;

    @Inject BrokerQueues queues;

    @Inject FailureStreaks streaks;

    @Inject EffectMeters meters;

    @EJB EffectProbe probe;

    /** A streak long enough was seen; ignored while open or switched off. */
    public void trip(Effect effect, int failures, String why) {
        KillSwitchSettings settings = KillSwitchSettings.of(effect);
        synchronized (this) {
            Switch of = switchOf(effect);
            if (!of.enabled || of.state == State.OPEN) {
                return;
            }
            of.state = State.OPEN;
            of.openedAt = Instant.now();
            of.coolDown = settings.coolDown();
            of.failedProbes = 0;
            of.lastFailure = why;
            queues.pause(effect.queue());
            meters.tripped(effect.key());
            scheduleProbe(effect, of);
        }
        LOG.warning(
                () ->
                        effect.key()
                                + "'s kill switch paused its queue after "
                                + failures
                                + " failures in a row, the last: "
                                + why
                                + "; probing in "
                                + settings.coolDown());
    }

    @Timeout
    void probe(Timer timer) {
        Effect effect = Effect.valueOf((String) timer.getInfo());
        synchronized (this) {
            if (switchOf(effect).state != State.OPEN) {
                return;
            }
        }
        EffectProbe.Outcome outcome;
        try {
            outcome = probe.probe(effect);
        } catch (RuntimeException e) {
            outcome = EffectProbe.Outcome.FAILED;
        }
        EffectProbe.Outcome seen = outcome;
        synchronized (this) {
            Switch of = switchOf(effect);
            if (of.state != State.OPEN) {
                return;
            }
            if (seen == EffectProbe.Outcome.FAILED) {
                of.failedProbes++;
                Duration doubled = of.coolDown.multipliedBy(2);
                Duration longest = KillSwitchSettings.of(effect).longestCoolDown();
                of.coolDown = doubled.compareTo(longest) > 0 ? longest : doubled;
                scheduleProbe(effect, of);
                return;
            }
            close(effect, of);
            queues.resume(effect.queue());
        }
        LOG.info(() -> effect.key() + "'s kill switch resumed its queue: the probe " + seen);
    }

    /** An operator paused or resumed the queue: the switch lets go of it. */
    public synchronized void override(Effect effect) {
        close(effect, switchOf(effect));
    }

    /** Switched off, it never trips; switched off while open, it resumes the queue first. */
    public synchronized void enable(Effect effect, boolean enabled) {
        Switch of = switchOf(effect);
        if (!enabled && of.state == State.OPEN) {
            close(effect, of);
            queues.resume(effect.queue());
        }
        of.enabled = enabled;
    }

    public synchronized Status status(Effect effect) {
        Switch of = switchOf(effect);
        return new Status(
                of.enabled,
                of.state,
                streaks.of(effect),
                KillSwitchSettings.of(effect).failuresInARow(),
                of.openedAt,
                of.nextProbeAt,
                of.failedProbes,
                of.lastFailure);
    }

    public synchronized boolean isOpen(Effect effect) {
        return switchOf(effect).state == State.OPEN;
    }

    private void close(Effect effect, Switch of) {
        for (Timer timer : timers.getTimers()) {
            if (effect.name().equals(timer.getInfo())) {
                timer.cancel();
            }
        }
        of.state = State.CLOSED;
        of.nextProbeAt = null;
        streaks.reset(effect);
    }

    private void scheduleProbe(Effect effect, Switch of) {
        of.nextProbeAt = Instant.now().plus(of.coolDown);
        timers.createSingleActionTimer(
                of.coolDown.toMillis(), new TimerConfig(effect.name(), false));
    }

    private Switch switchOf(Effect effect) {
        return switches.computeIfAbsent(effect, e -> new Switch());
    }
}
