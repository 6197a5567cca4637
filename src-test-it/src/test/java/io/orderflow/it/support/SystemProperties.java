package io.orderflow.it.support;

import org.jboss.dmr.ModelNode;

/**
 * A running server's system properties, set and removed through its management model: OrderFlow
 * reads its settings through MicroProfile Config at each use, so a property set so takes effect
 * without a restart.
 */
public final class SystemProperties {

    private SystemProperties() {}

    /** On the tests' shared server. */
    public static void set(String name, String value) {
        Broker.execute(added(name, value));
    }

    public static void set(int managementPort, String name, String value) {
        Broker.execute(added(name, value), managementPort);
    }

    /** On the tests' shared server. */
    public static void remove(String name) {
        Broker.execute(removed(name));
    }

    public static void remove(int managementPort, String name) {
        Broker.execute(removed(name), managementPort);
    }

    private static ModelNode added(String name, String value) {
        ModelNode op = Broker.operation("/system-property=" + name, "add");
        op.get("value").set(value);
        return op;
    }

    private static ModelNode removed(String name) {
        return Broker.operation("/system-property=" + name, "remove");
    }
}
