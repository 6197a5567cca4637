package io.orderflow.effects.killswitch;

import io.orderflow.effects.Effect;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.metrics.EffectMeters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Stops an effect from burning its events' delivery attempts while its downstream is away: after
 * {@link KillSwitchSettings#failuresInARow} transient failures in a row ({@link FailureStreaks}),
 * the effect's queue is paused; after a cool-down an {@link EffectProbe} applies the first waiting
 * event without consuming it; passed (or inconclusive), the queue is resumed, failed, the cool-down
 * doubles (up to its longest) and the queue stays paused. An operator's pause or resume takes the
 * queue back ({@link #override}); an operator can switch it off and on per effect.
 *
 * <p>The pause is recorded ({@link Pauses}) before the broker is asked for it, and the broker keeps
 * it across its restarts: a node that starts finds the pauses recorded, asks the broker for them
 * again and opens its switch for each pause a switch holds, so that a restart neither resumes an
 * effect nor spends its deliveries on a downstream still away. A switch lifts only a pause the
 * record says is a switch's: never an operator's, on this node or another. A pause the database
 * could not record is this node's to lift; should the node stop first, the next node to start
 * resumes the queue (another node's unrecorded pause with it: its switch trips again if the
 * downstream is still away).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KillSwitch {

    private static final Logger LOG = Logger.getLogger(KillSwitch.class.getName());

    /** The timer that restores the recorded pauses at start, until the database answers. */
    private static final String RESTORE = "restore";

    private static final Duration RESTORE_AGAIN_AFTER = Duration.ofSeconds(10);

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

        /** False when the database could not record the pause: then it is this node's to lift. */
        boolean recorded;
    }

    private final Map<Effect, Switch> switches = new EnumMap<>(Effect.class);

    @Resource TimerService timers;

    @Inject BrokerQueues queues;

    @Inject FailureStreaks streaks;

    @Inject EffectMeters meters;

    @EJB EffectProbe probe;

    @EJB Pauses pauses;

    @PostConstruct
    void scheduleRestore() {
        timers.createSingleActionTimer(0, new TimerConfig(RESTORE, false));
    }

    /**
     * A streak long enough was seen; ignored while open, switched off, or while an operator holds
     * the effect paused.
     */
    public void trip(Effect effect, int failures, String why) {
        KillSwitchSettings settings = KillSwitchSettings.of(effect);
        synchronized (this) {
            Switch of = switchOf(effect);
            if (!of.enabled || of.state == State.OPEN) {
                return;
            }
            Instant now = Instant.now();
            boolean recorded;
            try {
                if (!pauses.bySwitch(effect, why, now)) {
                    return;
                }
                recorded = true;
            } catch (RuntimeException databaseDown) {
                // the database's outage may be what the effect fails on: the switch pauses all the
                // same, and lifts its pause itself
                LOG.warning(
                        () ->
                                effect.key()
                                        + "'s kill switch could not record its pause: "
                                        + databaseDown);
                recorded = false;
            }
            try {
                queues.pause(effect.queue());
            } catch (RuntimeException brokerRefused) {
                // the record must not say paused while the queue runs
                if (recorded) {
                    pauses.releasedBySwitch(effect);
                }
                LOG.warning(
                        () ->
                                effect.key()
                                        + "'s kill switch could not pause its queue, and tries again"
                                        + " at the next failure: "
                                        + brokerRefused);
                return;
            }
            open(effect, of, now, why, recorded);
            meters.tripped(effect.key());
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
    void timeout(Timer timer) {
        String info = (String) timer.getInfo();
        if (RESTORE.equals(info)) {
            restore();
        } else {
            probe(Effect.valueOf(info));
        }
    }

    /**
     * The recorded pauses hold: the broker is asked for each again (it kept those it was asked to
     * persist), and the switch opens for each a switch holds, probing after a cool-down. A queue
     * paused with no pause recorded is resumed: a node that died holding a pause its switch could
     * not record (the database away when it tripped) left it so, and nobody else would lift it. The
     * record is read again after the broker is asked: a pause lifted meanwhile (an operator's
     * resume lifts the record before the queue) has its queue resumed, and one recorded meanwhile
     * (a pause records before it asks the broker) has its queue paused again.
     */
    private void restore() {
        List<Pauses.Pause> recorded = new ArrayList<>();
        try {
            Set<Effect> unowned = EnumSet.noneOf(Effect.class);
            for (Effect effect : Effect.values()) {
                if (queues.isPaused(effect.queue())) {
                    unowned.add(effect);
                }
            }
            List<Pauses.Pause> read = pauses.current();
            for (Pauses.Pause pause : read) {
                queues.pause(pause.effect().queue());
                unowned.remove(pause.effect());
            }
            for (Effect effect : unowned) {
                queues.resume(effect.queue());
            }
            Set<Effect> stillRecorded =
                    pauses.current().stream().map(Pauses.Pause::effect).collect(Collectors.toSet());
            for (Pauses.Pause pause : read) {
                if (stillRecorded.contains(pause.effect())) {
                    recorded.add(pause);
                } else {
                    queues.resume(pause.effect().queue());
                }
            }
            for (Effect effect : unowned) {
                if (stillRecorded.contains(effect)) {
                    queues.pause(effect.queue());
                } else {
                    LOG.warning(
                            () ->
                                    effect.key()
                                            + "'s queue was paused with no pause recorded (a node"
                                            + " stopped holding a pause it could not record):"
                                            + " resumed");
                }
            }
        } catch (RuntimeException notYet) {
            LOG.warning(
                    () ->
                            "Could not restore the effects' pauses, trying again in "
                                    + RESTORE_AGAIN_AFTER
                                    + ": "
                                    + notYet);
            timers.createSingleActionTimer(
                    RESTORE_AGAIN_AFTER.toMillis(), new TimerConfig(RESTORE, false));
            return;
        }
        for (Pauses.Pause pause : recorded) {
            if (pause.bySwitch()) {
                synchronized (this) {
                    Switch of = switchOf(pause.effect());
                    if (of.state == State.CLOSED) {
                        open(pause.effect(), of, pause.pausedAt(), pause.reason(), true);
                    }
                }
            }
            LOG.info(
                    () ->
                            pause.effect().key()
                                    + " stays paused, as "
                                    + pause.pausedBy()
                                    + " paused it at "
                                    + pause.pausedAt());
        }
    }

    private void probe(Effect effect) {
        synchronized (this) {
            Switch of = switchOf(effect);
            if (of.state != State.OPEN) {
                return;
            }
            if (of.recorded && !stillHeld(effect)) {
                close(effect, of);
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
            if (seen == EffectProbe.Outcome.FAILED || !lift(effect, of)) {
                of.failedProbes += seen == EffectProbe.Outcome.FAILED ? 1 : 0;
                Duration doubled = of.coolDown.multipliedBy(2);
                Duration longest = KillSwitchSettings.of(effect).longestCoolDown();
                of.coolDown = doubled.compareTo(longest) > 0 ? longest : doubled;
                scheduleProbe(effect, of);
                return;
            }
        }
        LOG.info(() -> effect.key() + "'s kill switch resumed its queue: the probe " + seen);
    }

    /**
     * Whether the record still says a switch holds the pause; an operator may have taken it over,
     * or another node's switch lifted it. Not knowing, the switch goes on probing.
     */
    private boolean stillHeld(Effect effect) {
        try {
            return pauses.heldBySwitch(effect);
        } catch (RuntimeException databaseDown) {
            return true;
        }
    }

    /**
     * Lifts the switch's pause: the record's first, then the broker's, so that the queue is never
     * resumed while the record says an operator paused it.
     *
     * @return false when the pause is still on (the database or the broker did not answer)
     */
    private boolean lift(Effect effect, Switch of) {
        boolean ours;
        try {
            ours = !of.recorded || pauses.releasedBySwitch(effect);
        } catch (RuntimeException databaseDown) {
            return false;
        }
        if (ours) {
            try {
                queues.resume(effect.queue());
            } catch (RuntimeException brokerRefused) {
                if (of.recorded) {
                    pauses.bySwitch(effect, of.lastFailure, of.openedAt);
                }
                return false;
            }
        }
        close(effect, of);
        return true;
    }

    /** An operator paused or resumed the queue: the switch lets go of it. */
    public synchronized void override(Effect effect) {
        close(effect, switchOf(effect));
    }

    /** Switched off, it never trips; switched off while open, it resumes the queue first. */
    public synchronized void enable(Effect effect, boolean enabled) {
        Switch of = switchOf(effect);
        if (!enabled && of.state == State.OPEN && !lift(effect, of)) {
            throw new IllegalStateException(
                    effect.key() + "'s kill switch could not lift its pause; try again");
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

    private void open(Effect effect, Switch of, Instant since, String why, boolean recorded) {
        of.state = State.OPEN;
        of.openedAt = since;
        of.coolDown = KillSwitchSettings.of(effect).coolDown();
        of.failedProbes = 0;
        of.lastFailure = why;
        of.recorded = recorded;
        scheduleProbe(effect, of);
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
