package io.orderflow.effects.sequencing;

/** The state a ledger row is in: the state machine the consumers, the watch and the desk move. */
public enum EffectState {
    /** The event is on its way or waiting in the queue. */
    PENDING,
    /**
     * Its predecessor is not applied yet; if it arrived already, it is held and sent again once the
     * predecessor is.
     */
    WAITING,
    /**
     * Shown, never stored: the event is pending again after a failed attempt; the broker redelivers
     * after its backoff.
     */
    RETRYING,
    /** No more attempts: the message waits in the effect's dead-letter queue for the desk. */
    DEAD_LETTERED,
    DONE,
    /** Removed from the dead-letter queue on purpose; the events after it go ahead without it. */
    DISCARDED;

    /**
     * Its event is behind it: applied, or deliberately skipped. The next event of the order may be
     * applied.
     */
    public boolean settled() {
        return this == DONE || this == DISCARDED;
    }
}
