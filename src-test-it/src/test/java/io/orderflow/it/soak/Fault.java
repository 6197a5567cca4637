package io.orderflow.it.soak;

import java.time.Duration;

/**
 * One fault of the schedule: what breaks, which part (a node's name, an effect's key, or empty),
 * when from the soak's start, and for how long.
 */
record Fault(Duration at, Kind kind, String target, Duration lasting) {

    enum Kind {
        /** kill -9 of a WildFly node, started again once the fault ends. */
        NODE_KILLED,
        /** A node stopped cleanly (SIGTERM) and started again. */
        NODE_RESTARTED,
        /** kill -9 of the active broker; the old primary started again takes the store back. */
        BROKER_KILLED,
        /** PostgreSQL stopped with SIGSTOP, its connections open, nothing answered. */
        DATABASE_PAUSED,
        /** The payment service answers after the checkout's timeout. */
        PAYMENT_SLOW,
        /** The payment service answers 503. */
        PAYMENT_DOWN,
        /** The warehouse answers 503 to every fulfilment. */
        WAREHOUSE_UNAVAILABLE,
        /**
         * The warehouse refuses every fulfilment (422), each dead-lettered at once; once it accepts
         * again an operator retries them from the desk.
         */
        WAREHOUSE_REFUSING,
        /** The mail server is stopped. */
        MAIL_DOWN,
        /** An operator pauses an effect through the API, and resumes it. */
        EFFECT_PAUSED,
        /**
         * A producer's bug publishes events for orders that were never placed: every effect
         * dead-letters them; once it is fixed an operator discards them from the desk, with a
         * reason.
         */
        EVENTS_FORGED
    }

    Duration endsAt() {
        return at.plus(lasting);
    }

    @Override
    public String toString() {
        return String.format(
                "%4ds %-22s %-16s for %ds",
                at.toSeconds(), kind, target.isEmpty() ? "-" : target, lasting.toSeconds());
    }
}
