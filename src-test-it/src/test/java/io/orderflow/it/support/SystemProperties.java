package io.orderflow.it.support;

import org.jboss.dmr.ModelNode;

/**
 * A running server's system properties, set and removed through its management model: OrderFlow
 * reads its settings through MicroProfile Config at each use, so a property set so takes effect
 * without a restart.
 */
public final class SystemProperties {

    private SystemProperties() {}

    public static void set(int managementPort, String name, String value) {
        ModelNode op = Broker.operation("/system-property=" + name, "add");
        op.get("value").set(value);
        Broker.execute(op, managementPort);
    }

    public static void remove(int managementPort, String name) {
        Broker.execute(Broker.operation("/system-property=" + name, "remove"), managementPort);
    }
}
