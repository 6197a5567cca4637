package io.orderflow.bench;

import io.orderflow.devservices.Database;
import io.orderflow.devservices.DevServices;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The benchmark behind the README's figures: sync against async checkout, checkout capacity, a
 * sustained load, the telemetry firehose, WildFly's memory in each phase, the cluster mode beside
 * them, and issue 21's goals against what the run measured. It asserts nothing; it writes a dated
 * report (Markdown, JSON, PNG charts). {@code mvn -Pbench -DskipTests install} runs it in full;
 * {@code BenchmarkSmokeIT} runs it small, to keep it working.
 */
public final class Benchmark {

    /** How much load: the full run, or a few seconds that only prove the harness works. */
    public record Settings(
            String name,
            Duration warmUp,
            Duration phase,
            double asyncRate,
            double syncRate,
            long warehouseDelayMillis,
            List<Double> capacityRates,
            double firehoseRequestsPerSecond,
            int readingsPerBatch,
            Duration brokerCeiling,
            double clusterCapacityRate,
            int clusterNodes,
            int floorMessages,
            double hotRate,
            Duration sustained,
            double sustainedRate) {

        public static final Settings FULL =
                new Settings(
                        "full",
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(20),
                        20,
                        2,
                        2500,
                        List.of(5.0, 10.0, 15.0, 20.0, 25.0, 50.0, 100.0, 200.0, 400.0),
                        50,
                        1000,
                        Duration.ofSeconds(20),
                        100,
                        2,
                        6000,
                        100,
                        Duration.ofSeconds(60),
                        150);
        public static final Settings SMOKE =
                new Settings(
                        "smoke",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        5,
                        1,
                        300,
                        List.of(10.0),
                        5,
                        100,
                        Duration.ofSeconds(2),
                        10,
                        1,
                        100,
                        5,
                        Duration.ofSeconds(2),
                        10);
    }

    private Benchmark() {}

    /** The full benchmark: starts the downstreams and WildFly itself. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("orderflow.bench.data"));
        try (DevServices services =
                DevServices.start(
                        DevServices.Ports.fromSystemProperties(DevServices.RUN_PORTS),
                        data,
                        false,
                        Secrets.generated(),
                        Secrets.generated(),
                        Database.Durability.DURABLE)) {
            Path folder =
                    run(
                            Settings.FULL,
                            Set.of(
                                    System.getProperty("orderflow.bench.phases", ALL_PHASES)
                                            .split(",")),
                            services,
                            Path.of(System.getProperty("orderflow.bench.reports")));
            System.out.println("Benchmark report: " + folder.resolve("report.md"));
        }
    }

    /** Every phase, or those named by -Dorderflow.bench.phases. */
    public static final String ALL_PHASES =
            "checkout,capacity,sustained,floor,hot,broker,firehose,cluster";

    /**
     * Runs the benchmark's phases against a WildFly it starts with the EAR, on the given
     * downstreams; returns the report folder.
     */
    public static Path run(
            Settings settings, Set<String> phases, DevServices services, Path reports)
            throws Exception {
        WildFlyServer wildFly =
                new WildFlyServer(
                        Path.of(System.getProperty("orderflow.wildfly.home")),
                        Path.of(System.getProperty("orderflow.bench.base")));
        wildFly.prepare(false);
        wildFly.storeCredentials(
                services.database().applicationPassword(),
                Secrets.generated(),
                Secrets.generated());
        String perfPassword = Secrets.generated();
        wildFly.addUser(BrokerCeiling.PERF_USER, perfPassword, true, BrokerCeiling.PERF_ROLE);
        wildFly.addUser(BenchRun.STAFF_USER, BenchRun.STAFF_PASSWORD, true, "staff");
        wildFly.addUser(BenchRun.MONITORING_USER, BenchRun.MONITORING_PASSWORD, true, "monitoring");
        Map<String, String> properties = new LinkedHashMap<>(services.serverProperties());
        properties.put("orderflow.checkout.sync-baseline", "true");
        properties.put(
                "jboss.socket.binding.port-offset",
                System.getProperty("orderflow.it.port-offset", "100"));
        // an experiment's settings (-Dorderflow.effects.email.max-session=4 on the command line)
        // reach the server, and the report names them
        Map<String, String> experiment = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("orderflow.effects."))
                .forEach(name -> experiment.put(name, System.getProperty(name)));
        properties.putAll(experiment);
        Process server =
                wildFly.start(
                        properties,
                        ProcessBuilder.Redirect.appendTo(
                                wildFly.base().resolve("console.log").toFile()));
        Report report;
        BenchRun run;
        try {
            if (!wildFly.deploy(
                    Path.of(System.getProperty("orderflow.ear")), Duration.ofMinutes(3))) {
                throw new IllegalStateException(
                        "OrderFlow did not deploy; see "
                                + wildFly.base().resolve("log/server.log"));
            }
            long pid =
                    server.descendants()
                            .filter(
                                    p ->
                                            p.info()
                                                    .commandLine()
                                                    .orElse("")
                                                    .contains("jboss-modules"))
                            .findFirst()
                            .orElseThrow()
                            .pid();
            String stamp =
                    LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss"));
            report =
                    new Report(
                            reports.resolve(stamp + "-" + settings.name()),
                            "OrderFlow benchmark (" + settings.name() + ")",
                            "Machine: "
                                    + Runtime.getRuntime().availableProcessors()
                                    + " cores, "
                                    + System.getProperty("os.name")
                                    + " "
                                    + System.getProperty("os.arch")
                                    + ", Java "
                                    + System.getProperty("java.version")
                                    + "; "
                                    + durability(services)
                                    + (experiment.isEmpty()
                                            ? ""
                                            : "; server settings " + experiment)
                                    + "; run "
                                    + Instant.now());
            try (ServerWatch watch =
                    new ServerWatch(
                            Integer.getInteger("orderflow.it.management.port", 10090), pid)) {
                run = new BenchRun(settings, services, wildFly, report, watch, pid);
                restock(run);
                warmUp(run);
                if (phases.contains("checkout")) {
                    new CheckoutComparison(run).measure();
                }
                CheckoutCapacity.Result capacity =
                        phases.contains("capacity")
                                ? new CheckoutCapacity(run).measure()
                                : CheckoutCapacity.Result.NOT_MEASURED;
                if (phases.contains("sustained")) {
                    new SustainedLoad(run).measure(capacity);
                }
                if (phases.contains("floor")) {
                    new StackFloor(run).measure(perfPassword, capacity);
                }
                if (phases.contains("hot")) {
                    new HotProducts(run).measure();
                }
                if (phases.contains("broker")) {
                    new BrokerCeiling(run).measure(perfPassword, capacity.processedPerSecond());
                }
                if (phases.contains("firehose")) {
                    TelemetryFirehose firehose = new TelemetryFirehose(run);
                    firehose.measure(
                            "Telemetry firehose", 1, settings.readingsPerBatch(), "firehose");
                    firehose.measure(
                            "Telemetry firehose, three times harder",
                            3,
                            settings.readingsPerBatch(),
                            "firehose-3x");
                    // the same readings in five times fewer, larger batches: fewer requests,
                    // messages and transactions
                    firehose.measure(
                            "Telemetry firehose, three times harder, in batches five times larger",
                            3,
                            settings.readingsPerBatch() * 5,
                            "firehose-3x-large-batches");
                    firehose.writerAlone();
                }
                memory(run);
            }
        } finally {
            Processes.stop(server, Duration.ofSeconds(60));
        }
        // the cluster's entry point takes the embedded server's port
        if (phases.contains("cluster")) {
            new ClusterPhases(run).measure();
        }
        run.goals.write(report);
        report.write();
        return report.folder();
    }

    /** Whether the database's commits waited for its disk, as the report's figures did. */
    private static String durability(DevServices services) throws SQLException {
        List<String> settings = new ArrayList<>();
        try (Connection connection = services.database().connect();
                Statement sql = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = sql.executeQuery("show " + setting)) {
                    value.next();
                    settings.add(setting + " " + value.getString(1));
                }
            }
        }
        return "PostgreSQL " + String.join(", ", settings);
    }

    /**
     * The benchmark's own database: its catalogue, and enough stock that no phase is refused for
     * running out of it.
     */
    private static void restock(BenchRun run) throws SQLException {
        try (Connection connection = run.services.database().connect();
                PreparedStatement product =
                        connection.prepareStatement(
                                "insert into products (sku, name, price, stock) values (?, ?, ?, 0) on conflict do nothing");
                Statement sql = connection.createStatement()) {
            int rank = 0;
            for (String sku : Popularity.CATALOGUE.skus()) {
                product.setString(1, sku);
                product.setString(2, "Benchmark product " + sku);
                product.setBigDecimal(3, BigDecimal.valueOf(5 + rank++ % 50));
                product.addBatch();
            }
            product.executeBatch();
            sql.executeUpdate("update products set stock = stock + 100000000");
        }
    }

    /**
     * A freshly started server compiles its hot paths first; the first seconds are not what it does
     * after.
     */
    private static void warmUp(BenchRun run) throws Exception {
        run.load.run(
                run.settings.asyncRate(),
                run.settings.warmUp(),
                i -> run.order("bench-warm-up", "async"),
                201);
        run.load.run(
                run.settings.firehoseRequestsPerSecond() / 5,
                run.settings.warmUp(),
                i -> run.batch(i, run.settings.readingsPerBatch()),
                202);
        run.awaitEffectsDone(Duration.ofMinutes(2));
        run.watch.peaks();
    }

    private static void memory(BenchRun run) {
        run.report.section(
                "WildFly memory and CPU per phase",
                "Peak heap used and peak resident set of the server's JVM, sampled "
                        + "every second; the heap still used after a full collection at the end of the phase; the cores WildFly kept busy on average, and how busy the whole machine was (WildFly, PostgreSQL, "
                        + "the downstreams and the load generator share its "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores).");
        run.report.table(
                List.of(
                        "phase",
                        "peak heap MiB",
                        "heap after full GC MiB",
                        "peak resident MiB",
                        "WildFly cores busy",
                        "machine CPU busy"),
                run.memory.entrySet().stream()
                        .map(
                                e ->
                                        List.of(
                                                e.getKey(),
                                                String.valueOf(e.getValue().heapMiB()),
                                                String.valueOf(e.getValue().liveHeapMiB()),
                                                String.valueOf(e.getValue().residentMiB()),
                                                String.format(
                                                        Locale.ROOT,
                                                        "%.2f",
                                                        e.getValue().wildFlyCores()),
                                                String.format(
                                                        Locale.ROOT,
                                                        "%.0f %%",
                                                        100 * e.getValue().machineBusy())))
                        .collect(Collectors.toList()));
        JsonObjectBuilder json = Json.createObjectBuilder();
        run.memory.forEach(
                (phase, peaks) ->
                        json.add(
                                phase,
                                Json.createObjectBuilder()
                                        .add("heapMiB", peaks.heapMiB())
                                        .add("liveHeapMiB", peaks.liveHeapMiB())
                                        .add("residentMiB", peaks.residentMiB())
                                        .add("wildFlyCores", peaks.wildFlyCores())
                                        .add("machineBusy", peaks.machineBusy())));
        run.report.data("memory", json);
    }
}
