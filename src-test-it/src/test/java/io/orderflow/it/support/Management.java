package io.orderflow.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.dmr.ModelNode;

/**
 * What operators' tools read from WildFly's management interface: the health probes and the
 * Prometheus scrape.
 */
public final class Management {

    public static final String BASE =
            "http://127.0.0.1:" + System.getProperty("orderflow.it.management.port", "10090");

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");

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
        Broker.execute(Broker.operation("/deployment=orderflow.ear", "redeploy"));
    }

    public static String serverState() {
        ModelNode read = Broker.operation("/", "read-attribute");
        read.get("name").set("server-state");
        return Broker.execute(read).asString();
    }

    public static String scrape() {
        Api.Reply reply = Api.getAt(BASE, "/prometheus");
        if (reply.status() != 200) {
            throw new AssertionError(
                    "/prometheus answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /**
     * The sum of a metric's samples in a scrape whose labels include all of {@code labels}; NaN
     * when there is none.
     */
    public static double value(String scrape, String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(metric)) {
                continue;
            }
            String present = sample.group(3) == null ? "" : sample.group(3);
            if (labels.entrySet().stream()
                    .allMatch(l -> present.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(sample.group(4));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /**
     * Whether the scrape has a sample of the metric, whatever its value (a gauge not read yet:
     * NaN).
     */
    public static boolean has(String scrape, String metric) {
        return scrape.lines()
                .map(SAMPLE::matcher)
                .anyMatch(sample -> sample.matches() && sample.group(1).equals(metric));
    }

    public static double value(String metric, Map<String, String> labels) {
        return value(scrape(), metric, labels);
    }

    /** How much a metric grew between two scrapes; a metric first seen in the later one from 0. */
    public static double grew(
            String before, String after, String metric, Map<String, String> labels) {
        double earlier = value(before, metric, labels);
        return value(after, metric, labels) - (Double.isNaN(earlier) ? 0 : earlier);
    }
}
