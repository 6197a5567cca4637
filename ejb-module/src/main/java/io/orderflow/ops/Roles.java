package io.orderflow.ops;

/**
 * Who may do what with OrderFlow's customers' data and its operations, as roles of WildFly's
 * application realm. Reading and acting are separate: a support desk reads, an operator acts.
 */
public final class Roles {

    /**
     * Reads: orders with their failures, search, the dead-letter desk and its audit, telemetry
     * statistics.
     */
    public static final String STAFF = "staff";

    /**
     * Reads as staff does, and acts: retries and discards dead letters, pauses and resumes effects.
     */
    public static final String OPS = "ops";

    /** Reads OrderFlow's metrics and nothing else: the identity Prometheus scrapes with. */
    public static final String MONITORING = "monitoring";

    private Roles() {}
}
