package io.orderflow.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jboss.dmr.ModelNode;

/** What operators' tools read from WildFly's management interface: the health probes. */
public final class Management {

    public static final String BASE =
            "http://127.0.0.1:" + System.getProperty("orderflow.it.management.port", "10090");

    private Management() {}

    /** A health probe's answer: its status (200 up, 503 down) and its JSON. */
    public record Health(int status, JsonObject json) {

        public JsonObject check(String name) {
            return json.getJsonArray("checks").stream()
                    .map(JsonObject.class::cast)
                    .filter(check -> check.getString("name").equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + " in " + json));
        }
    }

    public static Health ready() {
        Api.Reply reply = Api.getAt(BASE, "/health/ready");
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return new Health(reply.status(), reader.readObject());
        }
    }

    /**
     * Closes every connection OrderFlow's datasource holds (idle ones at once, busy ones when they
     * are returned), as an operator does after the database was unreachable: connections that timed
     * out while it stalled are not handed to the next test.
     */
    public static void flushDatabaseConnections() {
        Broker.execute(
                Broker.operation(
                        "/subsystem=datasources/xa-data-source=OrderFlowDS",
                        "flush-all-connection-in-pool"));
    }

    /** The server's whole configuration, as its management interface holds it. */
    public static ModelNode model() {
        ModelNode read = Broker.operation("/", "read-resource");
        read.get("recursive").set(true);
        return Broker.execute(read);
    }

    /**
     * Deploys OrderFlow again, as a server does at its boot: the deployment's whole start (its
     * persistence unit, its beans, its consumers) runs again. Fails when the deployment does.
     */
    public static void redeploy() {
        Broker.execute(Broker.operation(Deployments.ADDRESS, "redeploy"));
    }

    /** Takes OrderFlow off the server, its content kept: its consumers and its API are gone. */
    public static void undeploy() {
        Broker.execute(Broker.operation(Deployments.ADDRESS, "undeploy"));
    }

    /** Deploys OrderFlow's kept content again after {@link #undeploy()}, if it is not deployed. */
    public static void deploy() {
        if (!isDeployed()) {
            Broker.execute(Broker.operation(Deployments.ADDRESS, "deploy"));
        }
    }

    public static boolean isDeployed() {
        ModelNode enabled = Broker.operation(Deployments.ADDRESS, "read-attribute");
        enabled.get("name").set("enabled");
        return Broker.execute(enabled).asBoolean();
    }

    public static String serverState() {
        ModelNode read = Broker.operation("/", "read-attribute");
        read.get("name").set("server-state");
        return Broker.execute(read).asString();
    }
}
