package io.orderflow.bench;

import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.DevServices;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of the benchmark, as every phase needs it: the load, the server and its downstreams, the
 * report, the memory seen per phase, and the requests the load is made of.
 */
final class BenchRun {

    /** Reads the telemetry statistics, which are for staff. */
    static final String STAFF_USER = "bench-staff";

    static final String STAFF_PASSWORD = Secrets.generated();

    /** What the benchmark reads OrderFlow's metrics as. */
    static final String MONITORING_USER = "bench-monitoring";

    static final String MONITORING_PASSWORD = Secrets.generated();
    private static final String BASE =
            "http://127.0.0.1:" + System.getProperty("orderflow.it.http.port", "8180") + "/api";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Benchmark.Settings settings;
    final DevServices services;
    final WildFlyServer wildFly;
    final OpenLoad load = new OpenLoad();
    final Report report;
    final ServerWatch watch;
    final long serverPid;
    final Map<String, ServerWatch.Peaks> memory = new LinkedHashMap<>();
    final Goals goals = new Goals();

    /**
     * A thousand customers who come back, as a shop's do; the mail server keeps one mailbox for
     * each.
     */
    private final AtomicLong customers = new AtomicLong();

    BenchRun(
            Benchmark.Settings settings,
            DevServices services,
            WildFlyServer wildFly,
            Report report,
            ServerWatch watch,
            long serverPid) {
        this.settings = settings;
        this.services = services;
        this.wildFly = wildFly;
        this.report = report;
        this.watch = watch;
        this.serverPid = serverPid;
    }

    /** Notes the server's memory and CPU at the end of a phase. */
    void phaseDone(String phase) {
        memory.put(phase, watch.peaks());
    }

    /**
     * An order of two different products of the benchmark's catalogue, the popular ones far more
     * often ({@link Popularity}).
     */
    HttpRequest order(String who, String mode) {
        return order(who, mode, Popularity.CATALOGUE.pair());
    }

    /** An order of the same product as every other one (a sale): contention on purpose. */
    HttpRequest hotOrder(String who) {
        return order(who, "async", Popularity.HOT_PRODUCT);
    }

    private HttpRequest order(String who, String mode, List<String> skus) {
        String body =
                "{\"customerEmail\":\""
                        + who
                        + "-"
                        + customers.getAndIncrement() % 1000
                        + "@example.com\",\"lines\":"
                        + skus.stream()
                                .map(sku -> "{\"sku\":\"" + sku + "\",\"quantity\":1}")
                                .collect(Collectors.joining(",", "[", "]"))
                        + ",\"paymentToken\":\"tok_ok\"}";
        return HttpRequest.newBuilder(URI.create(BASE + "/orders?mode=" + mode))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpRequest batch(int i, int readingsPerBatch) {
        String sensor = "bench-" + (i % 200);
        String readings =
                IntStream.range(0, readingsPerBatch)
                        .mapToObj(
                                n ->
                                        "{\"sensorId\":\""
                                                + sensor
                                                + "\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":"
                                                + n
                                                + "}")
                        .collect(Collectors.joining(",", "[", "]"));
        return HttpRequest.newBuilder(URI.create(BASE + "/telemetry"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(readings))
                .build();
    }

    static JsonObject stats() {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(BASE + "/telemetry/stats"))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString(
                                                                    (STAFF_USER
                                                                                    + ":"
                                                                                    + STAFF_PASSWORD)
                                                                            .getBytes(
                                                                                    StandardCharsets
                                                                                            .UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (Exception e) {
            throw new IllegalStateException("telemetry stats unavailable", e);
        }
    }

    /** Waits until no effect of any order is left undone; returns how long that took. */
    Duration awaitEffectsDone(Duration atMost) {
        Instant start = Instant.now();
        pollUntil(
                atMost,
                () ->
                        count(
                                        "select count(*) from effect_events where state not in ('DONE', 'DISCARDED')")
                                == 0);
        return Duration.between(start, Instant.now());
    }

    /**
     * Polls until the condition holds or the deadline passes; a benchmark reports what it got, it
     * does not fail.
     */
    static void pollUntil(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException notInTime) {
            System.err.println(
                    "benchmark: condition not reached within "
                            + atMost
                            + "; reporting what there is");
        }
    }

    long count(String query) throws SQLException {
        try (Connection connection = services.database().connect();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(DatabaseWork.MARK + query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * p50 and p99 of the time from an order's acceptance to its last effect's commit, over the
     * orders of these customers (a LIKE pattern).
     */
    double[] acceptanceToLastEffect(String customers) throws SQLException {
        try (Connection connection = services.database().connect();
                Statement sql = connection.createStatement();
                ResultSet rows =
                        sql.executeQuery(
                                "select percentile_cont(0.5) within group (order by ms), percentile_cont(0.99) within group (order by ms) "
                                        + "from (select extract(epoch from max(e.completed_at) - o.created_at) * 1000 as ms from orders o "
                                        + "join effect_events e on e.order_id = o.id where o.customer_email like '"
                                        + customers
                                        + "' group by o.id, o.created_at) t")) {
            rows.next();
            return new double[] {rows.getDouble(1), rows.getDouble(2)};
        }
    }

    static List<List<String>> percentages(Map<String, Double> shares) {
        return shares.entrySet().stream()
                .map(
                        e ->
                                List.of(
                                        "`" + e.getKey() + "`",
                                        String.format(Locale.ROOT, "%.1f %%", 100 * e.getValue())))
                .toList();
    }

    static JsonObjectBuilder jsonOf(Map<String, Double> shares) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        shares.forEach(json::add);
        return json;
    }

    static JsonObjectBuilder json(OpenLoad.Result result) {
        var statuses = Json.createObjectBuilder();
        result.statuses().forEach((status, n) -> statuses.add(String.valueOf(status), n));
        return Json.createObjectBuilder()
                .add("offeredPerSecond", result.offeredPerSecond())
                .add("sent", result.sent())
                .add("ok", result.ok())
                .add("failed", result.failed())
                .add("statuses", statuses)
                .add("p50Ms", result.percentileMillis(50))
                .add("p99Ms", result.percentileMillis(99))
                .add("p999Ms", result.percentileMillis(99.9));
    }
}
