package io.orderflow.messaging;

/**
 * The broker's names of the queues that are not an effect's (those are {@code
 * order.effects.<key>}), as artemis-config declares them: what the broker's management and the
 * operator's page ask about. Each is also its address's name.
 */
public final class Queues {

    /** The bounded queue of accepted telemetry batches. */
    public static final String TELEMETRY_READINGS = "telemetry.readings";

    /** The voids of authorizations whose checkout could not be recorded. */
    public static final String PAYMENT_VOIDS = "payment.voids";

    private Queues() {}
}
