package io.orderflow.probes;

/**
 * The EJB module's answers to the readiness checks. A global JNDI name, since the checks run on
 * WildFly's management threads, outside any component of the application.
 */
public interface Probes {

    String JNDI_NAME =
            "java:global/orderflow/orderflow-ejb/ReadinessProbes!io.orderflow.probes.Probes";

    /** Up while PostgreSQL answers. */
    Probe database();

    /**
     * Up while the broker answers and every effect's queue has a consumer or was paused on purpose.
     */
    Probe broker();

    /**
     * Always up: dead letters waiting or an effect's queue over its threshold make the shop
     * degraded ({@code degraded} in the data, with the reasons), not unready.
     */
    Probe backlog();
}
