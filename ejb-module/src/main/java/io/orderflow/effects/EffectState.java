package io.orderflow.effects;

public enum EffectState {
    /** The event is on its way or waiting in the queue. */
    PENDING,
    DONE,
    /** The last attempt failed; the broker will redeliver after its backoff. */
    RETRYING,
    /** The attempts are used up; the message waits in the effect's dead-letter queue. */
    DEAD_LETTERED
}
