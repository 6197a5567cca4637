package io.orderflow.bench;

import java.io.IOException;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/** The few management operations the benchmark needs on the WildFly under test, through its native management port. */
final class Management {

    private Management() {
    }

    static void addQueue(String queue) throws IOException {
        ModelNode add = queue(queue, "add");
        add.get("queue-address").set(queue);
        add.get("routing-type").set("ANYCAST");
        add.get("durable").set(true);
        execute(add);
    }

    static void pause(String queue) throws IOException {
        execute(queue(queue, "pause"));
    }

    static void resume(String queue) throws IOException {
        execute(queue(queue, "resume"));
    }

    /** Sets a system property of the running server; MicroProfile Config sees the new value at its next lookup. */
    static void systemProperty(String name, String value) throws IOException {
        ModelNode remove = new ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        execute(remove);
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("system-property", name);
        add.get("value").set(value);
        execute(add);
    }

    private static ModelNode queue(String queue, String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default").add("queue", queue);
        return op;
    }

    /** Returns the outcome; a failed removal of what is not there is expected and harmless. */
    private static ModelNode execute(ModelNode operation) throws IOException {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                Integer.getInteger("orderflow.it.management.port", 10090))) {
            return management.execute(operation);
        }
    }
}
