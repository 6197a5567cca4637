package io.orderflow.it.support;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OrderFlow's metrics as Prometheus reads them ({@code /api/metrics}), and their samples. */
public final class Metrics {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");

    private Metrics() {}

    /** Every OrderFlow metric, as Prometheus scrapes them, as the tests' monitoring user. */
    public static String scrape() {
        return scrape(TestServices.MONITORING_USER, TestServices.monitoringPassword());
    }

    /** The same, as another user with the role monitoring (the benchmark's). */
    public static String scrape(String user, String password) {
        Api.Reply reply = Api.get("/metrics", Api.basic(user, password));
        if (reply.status() != 200) {
            throw new AssertionError(
                    "/api/metrics answered " + reply.status() + ": " + reply.body());
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
