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

    private static ModelNode queue(String queue, String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default").add("queue", queue);
        return op;
    }

    private static void execute(ModelNode operation) throws IOException {
        try (ModelControllerClient management = ModelControllerClient.Factory.create("127.0.0.1",
                Integer.getInteger("orderflow.it.management.port", 10090))) {
            ModelNode result = management.execute(operation);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IOException(operation.get("operation").asString() + " failed: " + result.get("failure-description"));
            }
        }
    }
}
