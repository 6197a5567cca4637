package io.orderflow.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.DevServices;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Broker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The benchmark behind the README's figures: sync against async checkout, checkout capacity, the telemetry firehose,
 * and WildFly's memory in each phase. It asserts nothing; it writes a dated report (Markdown, JSON, PNG charts).
 * {@code mvn -Pbench -DskipTests verify} runs it in full; {@code BenchmarkSmokeIT} runs it small, to keep it working.
 */
public final class Benchmark {

    /** How much load: the full run, or a few seconds that only prove the harness works. */
    public record Settings(String name, Duration warmUp, Duration phase, double asyncRate, double syncRate, long warehouseDelayMillis,
                           List<Double> capacityRates, double firehoseRequestsPerSecond, int readingsPerBatch, Duration brokerCeiling) {

        public static final Settings FULL = new Settings("full", Duration.ofSeconds(20), Duration.ofSeconds(20), 20, 2, 2500,
                List.of(5.0, 10.0, 15.0, 20.0, 25.0, 50.0, 100.0, 200.0, 400.0), 50, 1000, Duration.ofSeconds(20));
        public static final Settings SMOKE = new Settings("smoke", Duration.ofSeconds(1), Duration.ofSeconds(2), 5, 1, 300,
                List.of(10.0), 5, 100, Duration.ofSeconds(2));
    }

    private static final String PERF_USER = "bench-perf";
    /** The perf client's role: the broker lets it at its own queue only. */
    private static final String PERF_ROLE = "bench";
    private static final String PERF_QUEUE = "bench.ceiling";
    /** Reads the telemetry statistics, which are for staff. */
    private static final String STAFF_USER = "bench-staff";
    private static final String STAFF_PASSWORD = Secrets.generated();
    private static final String TELEMETRY_QUEUE = "telemetry.readings";
    private static final String BASE = "http://127.0.0.1:" + System.getProperty("orderflow.it.http.port", "8180") + "/api";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Settings settings;
    private final DevServices services;
    private final OpenLoad load = new OpenLoad();
    private final Report report;
    private final ServerWatch watch;
    private final long serverPid;
    private final Map<String, ServerWatch.Peaks> memory = new LinkedHashMap<>();
    private double processedPerSecond;
    /** A thousand customers who come back, as a shop's do; the mail server keeps one mailbox for each. */
    private final AtomicLong customers = new AtomicLong();

    private Benchmark(Settings settings, DevServices services, Report report, ServerWatch watch, long serverPid) {
        this.settings = settings;
        this.serverPid = serverPid;
        this.services = services;
        this.report = report;
        this.watch = watch;
    }

    /** The full benchmark: starts the downstreams and WildFly itself. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("orderflow.bench.data"));
        try (DevServices services = DevServices.start(DevServices.Ports.fromSystemProperties(DevServices.RUN_PORTS), data, false,
                Secrets.generated())) {
            Path folder = run(Settings.FULL, services, Path.of(System.getProperty("orderflow.bench.reports")));
            System.out.println("Benchmark report: " + folder.resolve("report.md"));
        }
    }

    /** Runs the benchmark against a WildFly it starts with the EAR, on the given downstreams; returns the report folder. */
    public static Path run(Settings settings, DevServices services, Path reports) throws Exception {
        WildFlyServer wildFly = new WildFlyServer(Path.of(System.getProperty("orderflow.wildfly.home")),
                Path.of(System.getProperty("orderflow.bench.base")));
        wildFly.prepare(false);
        wildFly.storeCredentials(services.database().password(), Secrets.generated());
        String perfPassword = Secrets.generated();
        wildFly.addUser(PERF_USER, perfPassword, true, PERF_ROLE);
        wildFly.addUser(STAFF_USER, STAFF_PASSWORD, true, "staff");
        Map<String, String> properties = new LinkedHashMap<>(services.serverProperties());
        properties.put("orderflow.checkout.sync-baseline", "true");
        properties.put("jboss.socket.binding.port-offset", System.getProperty("orderflow.it.port-offset", "100"));
        Process server = wildFly.start(properties, ProcessBuilder.Redirect.appendTo(wildFly.base().resolve("console.log").toFile()));
        try {
            if (!wildFly.deploy(Path.of(System.getProperty("orderflow.ear")), Duration.ofMinutes(3))) {
                throw new IllegalStateException("OrderFlow did not deploy; see " + wildFly.base().resolve("log/server.log"));
            }
            long pid = server.descendants().filter(p -> p.info().commandLine().orElse("").contains("jboss-modules"))
                    .findFirst().orElseThrow().pid();
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss"));
            Report report = new Report(reports.resolve(stamp + "-" + settings.name()), "OrderFlow benchmark (" + settings.name() + ")",
                    "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + "; run "
                            + Instant.now());
            try (ServerWatch watch = new ServerWatch(Integer.getInteger("orderflow.it.management.port", 10090), pid)) {
                Benchmark benchmark = new Benchmark(settings, services, report, watch, pid);
                Set<String> phases = Set.of(System.getProperty("orderflow.bench.phases", "checkout,capacity,broker,firehose").split(","));
                benchmark.restock();
                benchmark.warmUp();
                if (phases.contains("checkout")) {
                    benchmark.syncAgainstAsync();
                }
                if (phases.contains("capacity")) {
                    benchmark.capacity();
                }
                if (phases.contains("broker")) {
                    benchmark.brokerCeiling(perfPassword);
                }
                if (phases.contains("firehose")) {
                    benchmark.firehose("Telemetry firehose", 1, settings.readingsPerBatch(), "firehose");
                    benchmark.firehose("Telemetry firehose, three times harder", 3, settings.readingsPerBatch(), "firehose-3x");
                    // the same readings in five times fewer, larger batches: fewer requests, messages and transactions
                    benchmark.firehose("Telemetry firehose, three times harder, in batches five times larger", 3,
                            settings.readingsPerBatch() * 5, "firehose-3x-large-batches");
                    benchmark.writerDrain();
                }
                benchmark.memory();
            }
            report.write();
            return report.folder();
        } finally {
            WildFlyServer.stop(server, Duration.ofSeconds(60));
        }
    }

    /** The benchmark's own database: enough stock that no phase is refused for running out of it. */
    private void restock() throws SQLException {
        try (Connection connection = services.database().connect(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("update products set stock = stock + 100000000");
        }
    }

    /**
     * The broker's raw ceiling on this machine, from Artemis' own perf client: one producer and one consumer of
     * persistent 1 KiB messages through the same embedded broker (and journal) the application uses.
     */
    private void brokerCeiling(String password) throws Exception {
        Broker.addQueue(PERF_QUEUE);
        Broker.grant(PERF_QUEUE, PERF_ROLE);
        Path json = report.folder().resolve("broker-ceiling.json");
        Process perf = new ProcessBuilder(Path.of(System.getProperty("orderflow.artemis.home"), "bin", "artemis").toString(),
                "perf", "client", "--silent", "--url", "tcp://127.0.0.1:" + System.getProperty("orderflow.it.http.port", "8180")
                        + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor",
                "--user", PERF_USER, "--password", password, "--persistent", "--message-size", "1024",
                "--warmup", String.valueOf(Math.max(1, settings.brokerCeiling().toSeconds() / 4)),
                "--duration", String.valueOf(settings.brokerCeiling().toSeconds()), "--json", json.toString(), "queue://" + PERF_QUEUE)
                .redirectErrorStream(true).redirectOutput(report.folder().resolve("broker-ceiling.log").toFile()).start();
        if (!perf.waitFor(settings.brokerCeiling().toSeconds() * 3 + 60, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IllegalStateException("artemis perf client did not finish; see broker-ceiling.log");
        }
        JsonObject summary;
        try (var reader = Json.createReader(new StringReader(Files.readString(json)))) {
            summary = reader.readArray().getValuesAs(JsonObject.class).stream()
                    .filter(sample -> "summary".equals(sample.getString("sampleType", "")))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no summary in " + json));
        }
        double perSecond = summary.getJsonNumber("totalReceived").doubleValue() / settings.brokerCeiling().toSeconds();
        // each order is one published event, six diverted copies and six consumed messages
        double applicationShare = processedPerSecond * 6 / Math.max(1, perSecond);
        report.section("Broker ceiling", String.format(Locale.ROOT, "Artemis perf client, persistent 1 KiB messages, "
                        + "1 producer and 1 consumer for %d s, through the broker embedded in this WildFly: **%.0f messages/s** "
                        + "sent and received (transfer time p50 %d µs, p99 %d µs). The checkout's %.0f fully processed orders/s "
                        + "move %.0f effect messages/s: %.0f %% of that ceiling.",
                settings.brokerCeiling().toSeconds(), perSecond,
                summary.getJsonObject("totalTransferTime").getJsonNumber("50").longValue(),
                summary.getJsonObject("totalTransferTime").getJsonNumber("99").longValue(),
                processedPerSecond, processedPerSecond * 6, 100 * applicationShare));
        report.data("brokerCeiling", Json.createObjectBuilder().add("messagesPerSecond", perSecond)
                .add("applicationShare", applicationShare).add("perfSummary", summary));
        memory.put("broker ceiling", watch.peaks());
    }

    /** A freshly started server compiles its hot paths first; the first seconds are not what it does after. */
    private void warmUp() throws Exception {
        load.run(settings.asyncRate(), settings.warmUp(), i -> order("bench-warm-up", "async"), 201);
        load.run(settings.firehoseRequestsPerSecond() / 5, settings.warmUp(), i -> batch(i, settings.readingsPerBatch()), 202);
        awaitEffectsDone(Duration.ofMinutes(2));
        watch.peaks();
    }

    private void syncAgainstAsync() throws Exception {
        services.payment().wireMock().setGlobalFixedDelay(150);
        StubMapping slowWarehouse = services.warehouse().wireMock().stubFor(post(urlPathMatching("/warehouse/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(202).withFixedDelay((int) settings.warehouseDelayMillis())));
        try {
            OpenLoad.Result async = load.run(settings.asyncRate(), settings.phase(), i -> order("bench-async", "async"), 201);
            OpenLoad.Result sync = load.run(settings.syncRate(), settings.phase(), i -> order("bench-sync", "sync"), 201);
            services.mail().outage();
            OpenLoad.Result asyncDown;
            OpenLoad.Result syncDown;
            try {
                Duration shortPhase = settings.phase().dividedBy(4).plusSeconds(1);
                asyncDown = load.run(settings.asyncRate(), shortPhase, i -> order("bench-async-down", "async"), 201);
                syncDown = load.run(settings.syncRate(), shortPhase, i -> order("bench-sync-down", "sync"), 201);
            } finally {
                services.mail().resume();
            }
            double ratio = sync.percentileMillis(99) / Math.max(0.001, async.percentileMillis(99));
            report.section("Checkout with and without a queue", String.format(Locale.ROOT,
                    "Payment answers in 150 ms; the warehouse webhook takes %d ms. The other effects are the real, fast "
                            + "components (PostgreSQL, GreenMail, Lucene). Open load, latency from each request's due time. "
                            + "p99 ratio sync/async: **%.0f**.", settings.warehouseDelayMillis(), ratio));
            report.table(List.of("checkout", "offered/s", "requests", "p50 ms", "p99 ms", "p99.9 ms", "errors", "errors, mail down"),
                    List.of(row("async (queue)", async, asyncDown), row("sync (inline)", sync, syncDown)));
            report.data("checkout", Json.createObjectBuilder()
                    .add("async", json(async)).add("sync", json(sync))
                    .add("asyncMailDown", json(asyncDown)).add("syncMailDown", json(syncDown))
                    .add("p99Ratio", ratio));
            CategoryChart chart = new CategoryChartBuilder().width(700).height(400).title("Checkout latency (ms, log scale)")
                    .xAxisTitle("percentile").yAxisTitle("ms").build();
            chart.getStyler().setYAxisLogarithmic(true);
            // bars start at 0, which a logarithmic axis cannot draw
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
            List<String> percentiles = List.of("p50", "p99", "p99.9");
            chart.addSeries("async", percentiles, percentilesOf(async));
            chart.addSeries("sync", percentiles, percentilesOf(sync));
            report.chart("checkout-latency", chart);
        } finally {
            services.payment().wireMock().setGlobalFixedDelay(0);
            services.warehouse().wireMock().removeStub(slowWarehouse);
            awaitEffectsDone(Duration.ofMinutes(5));
            memory.put("checkout sync/async", watch.peaks());
        }
    }

    private void capacity() throws Exception {
        Instant start = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        var steps = Json.createArrayBuilder();
        double highestUnder100 = 0;
        DatabaseWaits waits = new DatabaseWaits(services.database());
        JvmProfile profile = JvmProfile.start(serverPid, report.folder().resolve("capacity.jfr"));
        for (double rate : settings.capacityRates()) {
            OpenLoad.Result step = load.run(rate, settings.phase().dividedBy(2), i -> order("bench-capacity", "async"), 201);
            if (step.percentileMillis(99) < 100 && step.errorShare() == 0) {
                highestUnder100 = rate;
            }
            rows.add(List.of(String.format(Locale.ROOT, "%.0f", rate), String.valueOf(step.sent()), Report.ms(step.percentileMillis(50)),
                    Report.ms(step.percentileMillis(99)), String.format(Locale.ROOT, "%.2f %%", 100 * step.errorShare())));
            steps.add(json(step));
        }
        Duration toDone = awaitEffectsDone(Duration.ofMinutes(10));
        waits.close();
        JvmProfile.Summary cpu = profile.stop();
        double[] acceptanceToLastEffect = percentilesOfAcceptanceToLastEffect("bench-capacity%");
        long orders = count("select count(*) from orders where customer_email like 'bench-capacity%'");
        double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        processedPerSecond = orders / seconds;
        ServerWatch.Peaks usage = watch.peaks();
        memory.put("checkout capacity", usage);
        // CPU time per order, from the phase's average use: what bounds throughput once the machine is busy
        double wildFlyCpuMillisPerOrder = usage.wildFlyCores() * seconds * 1000 / Math.max(1, orders);
        double machineCpuMillisPerOrder = usage.machineBusy() * Runtime.getRuntime().availableProcessors() * seconds * 1000 / Math.max(1, orders);
        report.section("Checkout capacity", String.format(Locale.ROOT,
                "Rising open load, %s per step. Highest rate with p99 under 100 ms and no errors: **%.0f orders/s**. "
                        + "%d orders fully processed (all six effects committed) at **%.0f orders/s** overall, the backlog "
                        + "cleared %d s after the last step; acceptance to last effect p50 %s ms, p99 %s ms. "
                        + "CPU per order (its checkout and its six effects): **%.0f ms in WildFly**, %.0f ms on the whole "
                        + "machine (with PostgreSQL, the downstreams and the load generator); the machine was %.0f %% busy.",
                settings.phase().dividedBy(2), highestUnder100, orders, processedPerSecond, toDone.toSeconds(),
                Report.ms(acceptanceToLastEffect[0]), Report.ms(acceptanceToLastEffect[1]),
                wildFlyCpuMillisPerOrder, machineCpuMillisPerOrder, 100 * usage.machineBusy()));
        report.table(List.of("offered/s", "requests", "p50 ms", "p99 ms", "errors"), rows);
        List<EffectPace> effects = perEffect("bench-capacity%");
        report.section("Which effect is the slowest", "Per effect, over the same orders: the time from acceptance to the "
                + "effect's commit, and the effect's own pace (orders it completed per second between the first acceptance "
                + "and its last commit). The slowest effect sets the rate at which orders are fully processed.");
        report.table(List.of("effect", "p50 ms", "p99 ms", "orders/s"), effects.stream().map(e -> List.of(e.effect(),
                Report.ms(e.p50Millis()), Report.ms(e.p99Millis()), String.format(Locale.ROOT, "%.0f", e.perSecond()))).toList());
        var paces = Json.createArrayBuilder();
        effects.forEach(e -> paces.add(Json.createObjectBuilder().add("effect", e.effect()).add("p50Ms", e.p50Millis())
                .add("p99Ms", e.p99Millis()).add("ordersPerSecond", e.perSecond())));
        report.section("Where the effects' time goes", "What the database's busy sessions were doing during the capacity "
                + "phase and its backlog (pg_stat_activity, sampled ten times a second):");
        Map<String, Double> shares = waits.shares();
        report.table(List.of("database sessions were", "share of samples"), percentages(shares).stream().limit(8).toList());
        report.section("Where WildFly's CPU goes", String.format(Locale.ROOT, "JDK Flight Recorder during the same phase "
                + "(%d execution samples; the recording is `capacity.jfr`, open it with JDK Mission Control or `jfr print`). "
                + "The library each sample was in (the package of its topmost non-JDK frame), the hottest methods, the OrderFlow "
                + "frame closest to the top of each sampled stack, and the busy threads:", cpu.samples()));
        report.table(List.of("library", "share of CPU samples"), percentages(cpu.components()));
        report.table(List.of("hottest method", "share of CPU samples"), percentages(cpu.hotMethods()));
        report.table(List.of("OrderFlow frame on the stack", "share of CPU samples"), percentages(cpu.orderFlowFrames()));
        report.table(List.of("thread pool", "share of CPU samples"), percentages(cpu.threads()));
        report.data("capacity", Json.createObjectBuilder().add("steps", steps).add("perEffect", paces)
                .add("highestRateWithP99Under100ms", highestUnder100)
                .add("ordersFullyProcessed", orders).add("fullyProcessedPerSecond", processedPerSecond)
                .add("wildFlyCpuMillisPerOrder", wildFlyCpuMillisPerOrder).add("machineCpuMillisPerOrder", machineCpuMillisPerOrder)
                .add("acceptanceToLastEffectP50Ms", acceptanceToLastEffect[0]).add("acceptanceToLastEffectP99Ms", acceptanceToLastEffect[1])
                .add("databaseSessionShares", jsonOf(shares))
                .add("cpuSamples", cpu.samples()).add("components", jsonOf(cpu.components())).add("hotMethods", jsonOf(cpu.hotMethods()))
                .add("orderFlowFrames", jsonOf(cpu.orderFlowFrames())).add("threads", jsonOf(cpu.threads())));
    }

    private void firehose(String heading, double times, int readingsPerBatch, String name) throws Exception {
        double requestsPerSecond = settings.firehoseRequestsPerSecond() * times * settings.readingsPerBatch() / readingsPerBatch;
        JsonObject before = stats();
        List<double[]> samples = Collections.synchronizedList(new ArrayList<>());
        Instant start = Instant.now();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                JsonObject now = stats();
                samples.add(new double[] {Duration.between(start, Instant.now()).toMillis() / 1000.0,
                        now.getJsonNumber("queuedBatches").doubleValue(),
                        now.getJsonNumber("written").doubleValue() - before.getJsonNumber("written").doubleValue()});
            } catch (RuntimeException e) {
                // a missed sample leaves a gap in the chart, nothing more
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        OpenLoad.Result ingest = load.run(requestsPerSecond, settings.phase(), i -> batch(i, readingsPerBatch), 202);
        Instant offered = Instant.now();
        long accepted = (long) ingest.ok() * readingsPerBatch;
        long writtenBefore = before.getJsonNumber("written").longValue();
        awaitDrained(writtenBefore, accepted, Duration.ofMinutes(10));
        Instant drained = Instant.now();
        sampler.shutdownNow();
        long written = written() - writtenBefore;
        double drainRate = written / Math.max(0.001, Duration.between(start, drained).toMillis() / 1000.0);
        report.section(heading, String.format(Locale.ROOT,
                "%.0f batches of %d readings a second (%.0f readings/s) for %s, then nothing. Accepted %d readings, "
                        + "rejected %.1f %% of the batches (503, queue full), written %d (**%s**). Ingest p50 %s ms, p99 %s ms. "
                        + "Queue empty %d s after the load ended; written at **%.0f readings/s** over the whole run.",
                requestsPerSecond, readingsPerBatch, requestsPerSecond * readingsPerBatch,
                settings.phase(), accepted, 100 * ingest.errorShare(), written, written == accepted ? "none lost" : "MISMATCH",
                Report.ms(ingest.percentileMillis(50)), Report.ms(ingest.percentileMillis(99)),
                Duration.between(offered, drained).toSeconds(), drainRate));
        report.data(name, Json.createObjectBuilder().add("ingest", json(ingest)).add("readingsAccepted", accepted)
                .add("readingsWritten", written).add("drainReadingsPerSecond", drainRate)
                .add("secondsToEmptyAfterLoad", Duration.between(offered, drained).toMillis() / 1000.0));
        XYChart depth = new XYChartBuilder().width(700).height(400).title(heading + ": queue depth and rows written")
                .xAxisTitle("s").yAxisTitle("batches queued / thousand rows written").build();
        if (!samples.isEmpty()) {
            depth.addSeries("batches queued", samples.stream().map(s -> s[0]).toList(), samples.stream().map(s -> s[1]).toList());
            depth.addSeries("rows written (thousands)", samples.stream().map(s -> s[0]).toList(), samples.stream().map(s -> s[2] / 1000).toList());
        }
        report.chart(name, depth);
        memory.put(heading.toLowerCase(Locale.ROOT), watch.peaks());
    }

    /**
     * The writer alone: a backlog is queued while the queue is paused, then drained with nothing else arriving, so the
     * rate is the writers' own and not bounded by what ingest offers.
     */
    private void writerDrain() throws Exception {
        long writtenBefore = written();
        Broker.pause(TELEMETRY_QUEUE);
        OpenLoad.Result queued;
        try {
            queued = load.run(settings.firehoseRequestsPerSecond() * 2, settings.phase().dividedBy(5),
                    i -> batch(i, settings.readingsPerBatch()), 202);
        } finally {
            Broker.resume(TELEMETRY_QUEUE);
        }
        Instant resumed = Instant.now();
        long accepted = (long) queued.ok() * settings.readingsPerBatch();
        awaitDrained(writtenBefore, accepted, Duration.ofMinutes(5));
        double seconds = Math.max(0.001, Duration.between(resumed, Instant.now()).toMillis() / 1000.0);
        long written = written() - writtenBefore;
        report.section("Telemetry writer alone", String.format(Locale.ROOT, "%d batches of %d readings queued while the "
                        + "queue was paused, then drained by the writers (`orderflow.telemetry.writers`, one batch per "
                        + "transaction) with nothing else arriving: %d readings written in %.1f s, **%.0f readings/s**.",
                queued.ok(), settings.readingsPerBatch(), written, seconds, written / seconds));
        report.data("writerDrain", Json.createObjectBuilder().add("batchesQueued", queued.ok()).add("readingsAccepted", accepted)
                .add("readingsWritten", written).add("drainSeconds", seconds).add("readingsPerSecond", written / seconds));
        memory.put("telemetry writer alone", watch.peaks());
    }

    private void memory() {
        report.section("WildFly memory and CPU per phase", "Peak heap used and peak resident set of the server's JVM, sampled "
                + "every second; the heap still used after a full collection at the end of the phase; the cores WildFly kept busy on average, and how busy the whole machine was (WildFly, PostgreSQL, "
                + "the downstreams and the load generator share its " + Runtime.getRuntime().availableProcessors() + " cores).");
        report.table(List.of("phase", "peak heap MiB", "heap after full GC MiB", "peak resident MiB", "WildFly cores busy", "machine CPU busy"),
                memory.entrySet().stream()
                .map(e -> List.of(e.getKey(), String.valueOf(e.getValue().heapMiB()), String.valueOf(e.getValue().liveHeapMiB()),
                        String.valueOf(e.getValue().residentMiB()),
                        String.format(Locale.ROOT, "%.2f", e.getValue().wildFlyCores()),
                        String.format(Locale.ROOT, "%.0f %%", 100 * e.getValue().machineBusy())))
                .collect(Collectors.toList()));
        JsonObjectBuilder json = Json.createObjectBuilder();
        memory.forEach((phase, peaks) -> json.add(phase, Json.createObjectBuilder().add("heapMiB", peaks.heapMiB()).add("liveHeapMiB", peaks.liveHeapMiB())
                .add("residentMiB", peaks.residentMiB()).add("wildFlyCores", peaks.wildFlyCores()).add("machineBusy", peaks.machineBusy())));
        report.data("memory", json);
    }

    private HttpRequest order(String who, String mode) {
        String body = "{\"customerEmail\":\"" + who + "-" + customers.getAndIncrement() % 1000 + "@example.com\",\"lines\":[{\"sku\":\"MUG-001\",\"quantity\":1},"
                + "{\"sku\":\"BOOK-002\",\"quantity\":1}],\"paymentToken\":\"tok_ok\"}";
        return HttpRequest.newBuilder(URI.create(BASE + "/orders?mode=" + mode)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest batch(int i, int readingsPerBatch) {
        String sensor = "bench-" + (i % 200);
        String readings = IntStream.range(0, readingsPerBatch)
                .mapToObj(n -> "{\"sensorId\":\"" + sensor + "\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":" + n + "}")
                .collect(Collectors.joining(",", "[", "]"));
        return HttpRequest.newBuilder(URI.create(BASE + "/telemetry")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(readings)).build();
    }

    /** Waits until everything accepted since {@code writtenBefore} is written and no batch waits in the queue. */
    private static void awaitDrained(long writtenBefore, long accepted, Duration atMost) {
        pollUntil(atMost, () -> {
            JsonObject now = stats();
            return now.getJsonNumber("written").longValue() - writtenBefore >= accepted && now.getJsonNumber("queuedBatches").longValue() == 0;
        });
    }

    private static long written() {
        return stats().getJsonNumber("written").longValue();
    }

    private static JsonObject stats() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/telemetry/stats"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    (STAFF_USER + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8)))
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
    private Duration awaitEffectsDone(Duration atMost) {
        Instant start = Instant.now();
        pollUntil(atMost, () -> count("select count(*) from effect_events where state not in ('DONE', 'DISCARDED')") == 0);
        return Duration.between(start, Instant.now());
    }

    /** Polls until the condition holds or the deadline passes; a benchmark reports what it got, it does not fail. */
    private static void pollUntil(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException notInTime) {
            System.err.println("benchmark: condition not reached within " + atMost + "; reporting what there is");
        }
    }

    private double[] percentilesOfAcceptanceToLastEffect(String customers) throws SQLException {
        try (Connection connection = services.database().connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select percentile_cont(0.5) within group (order by ms), percentile_cont(0.99) within group (order by ms) "
                     + "from (select extract(epoch from max(e.completed_at) - o.created_at) * 1000 as ms from orders o "
                     + "join effect_events e on e.order_id = o.id where o.customer_email like '" + customers + "' group by o.id, o.created_at) t")) {
            rows.next();
            return new double[] {rows.getDouble(1), rows.getDouble(2)};
        }
    }

    private record EffectPace(String effect, double p50Millis, double p99Millis, double perSecond) {
    }

    private List<EffectPace> perEffect(String customers) throws SQLException {
        List<EffectPace> rows = new ArrayList<>();
        try (Connection connection = services.database().connect(); Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("select e.effect, "
                     + "percentile_cont(0.5) within group (order by extract(epoch from e.completed_at - o.created_at) * 1000), "
                     + "percentile_cont(0.99) within group (order by extract(epoch from e.completed_at - o.created_at) * 1000), "
                     + "count(*) / greatest(0.001, extract(epoch from max(e.completed_at) - min(o.created_at))) "
                     + "from orders o join effect_events e on e.order_id = o.id where o.customer_email like '" + customers + "' "
                     + "group by e.effect order by 4")) {
            while (result.next()) {
                rows.add(new EffectPace(result.getString(1).toLowerCase(Locale.ROOT), result.getDouble(2), result.getDouble(3), result.getDouble(4)));
            }
        }
        return rows;
    }

    private long count(String query) throws SQLException {
        try (Connection connection = services.database().connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<List<String>> percentages(Map<String, Double> shares) {
        return shares.entrySet().stream().map(e -> List.of("`" + e.getKey() + "`", String.format(Locale.ROOT, "%.1f %%", 100 * e.getValue()))).toList();
    }

    private static JsonObjectBuilder jsonOf(Map<String, Double> shares) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        shares.forEach(json::add);
        return json;
    }

    /** For a logarithmic axis, which cannot show 0 (a phase without answers). */
    private static List<Double> percentilesOf(OpenLoad.Result result) {
        return List.of(50.0, 99.0, 99.9).stream().map(p -> Math.max(0.01, result.percentileMillis(p))).toList();
    }

    private static List<String> row(String name, OpenLoad.Result result, OpenLoad.Result down) {
        return List.of(name, String.format(Locale.ROOT, "%.0f", result.offeredPerSecond()), String.valueOf(result.sent()),
                Report.ms(result.percentileMillis(50)), Report.ms(result.percentileMillis(99)), Report.ms(result.percentileMillis(99.9)),
                String.format(Locale.ROOT, "%.1f %%", 100 * result.errorShare()), String.format(Locale.ROOT, "%.1f %%", 100 * down.errorShare()));
    }

    private static JsonObjectBuilder json(OpenLoad.Result result) {
        var statuses = Json.createObjectBuilder();
        result.statuses().forEach((status, n) -> statuses.add(String.valueOf(status), n));
        return Json.createObjectBuilder().add("offeredPerSecond", result.offeredPerSecond()).add("sent", result.sent())
                .add("ok", result.ok()).add("failed", result.failed()).add("statuses", statuses)
                .add("p50Ms", result.percentileMillis(50)).add("p99Ms", result.percentileMillis(99)).add("p999Ms", result.percentileMillis(99.9));
    }
}
