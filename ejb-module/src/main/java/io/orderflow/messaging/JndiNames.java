package io.orderflow.messaging;

/**
 * Where artemis-config binds the application's connection factory and destinations in JNDI ({@code
 * configure-messaging.cli}); constants, so that annotations can name them.
 */
public final class JndiNames {

    /**
     * WildFly's pooled connection factory: XA, so a send commits or rolls back with the caller's
     * rows.
     */
    public static final String CONNECTION_FACTORY = "java:/JmsXA";

    public static final String ORDER_EVENTS = "java:/jms/orderflow/OrderEvents";

    /** Followed by an effect's key. */
    public static final String EFFECTS = "java:/jms/orderflow/effects/";

    /** Followed by an effect's key, {@code telemetry} or {@code payment-voids}. */
    public static final String DEAD_LETTERS = "java:/jms/orderflow/dead-letters/";

    public static final String TELEMETRY_READINGS = "java:/jms/orderflow/telemetry/readings";
    public static final String PAYMENT_VOIDS = "java:/jms/orderflow/payment/voids";

    /**
     * The broker's management identity's factory: it may manage the broker (counts, pauses) and
     * send or consume no event; no transaction.
     */
    public static final String MANAGEMENT_CONNECTION_FACTORY =
            "java:/jms/orderflow/ManagementConnectionFactory";

    /**
     * The effects' consumers take further waiting events into their delivering transaction through
     * this one: XA, and no consumer window, so it receives only what it asks for.
     */
    public static final String BATCH_CONNECTION_FACTORY =
            "java:/jms/orderflow/BatchConnectionFactory";

    /** The broker's management address, Artemis' default {@code activemq.management}. */
    public static final String BROKER_MANAGEMENT = "java:/jms/orderflow/management";

    private JndiNames() {}
}
