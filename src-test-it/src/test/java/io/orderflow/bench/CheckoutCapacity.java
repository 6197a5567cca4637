package io.orderflow.bench;

import io.orderflow.it.support.Metrics;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rising open load on the queued checkout: the highest rate with a short p99, the orders fully
 * processed per second, the CPU per order, and where the database's and WildFly's time goes
 * (pg_stat_activity, JDK Flight Recorder).
 */
final class CheckoutCapacity {

    /** What the phase found, for the phases that compare against it. */
    record Result(
            double processedPerSecond,
            double wildFlyCpuMillisPerOrder,
            double machineCpuMillisPerOrder,
            double transactionsPerOrder) {

        /**
         * Without the phase, an order is taken as the checkout's transaction and one per effect.
         */
        static final Result NOT_MEASURED = new Result(0, 0, 0, 7);
    }

    private final BenchRun run;

    CheckoutCapacity(BenchRun run) {
        this.run = run;
    }

    Result measure() throws Exception {
        Instant start = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        var steps = Json.createArrayBuilder();
        double highestUnder100 = 0;
        DatabaseWaits waits = new DatabaseWaits(run.services.database());
        DatabaseWork work = DatabaseWork.start(run.services.database());
        double effectTransactionsBefore = effectTransactions();
        JvmProfile profile =
                JvmProfile.start(run.serverPid, run.report.folder().resolve("capacity.jfr"));
        for (double rate : run.settings.capacityRates()) {
            OpenLoad.Result step =
                    run.load.run(
                            rate,
                            run.settings.phase().dividedBy(2),
                            i -> run.order("bench-capacity", "async"),
                            201);
            if (step.percentileMillis(99) < 100 && step.errorShare() == 0) {
                highestUnder100 = rate;
            }
            rows.add(
                    List.of(
                            String.format(Locale.ROOT, "%.0f", rate),
                            String.valueOf(step.sent()),
                            Report.ms(step.percentileMillis(50)),
                            Report.ms(step.percentileMillis(99)),
                            String.format(Locale.ROOT, "%.2f %%", 100 * step.errorShare())));
            steps.add(BenchRun.json(step));
        }
        Duration toDone = run.awaitEffectsDone(Duration.ofMinutes(10));
        waits.close();
        Map<String, Long> statements = work.statements();
        long commits = work.commits();
        double effectTransactions = effectTransactions() - effectTransactionsBefore;
        JvmProfile.Summary cpu = profile.stop();
        double[] acceptanceToLastEffect = run.acceptanceToLastEffect("bench-capacity%");
        long orders =
                run.count(
                        "select count(*) from orders where customer_email like 'bench-capacity%'");
        double seconds =
                Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        double processedPerSecond = orders / seconds;
        double perOrder = Math.max(1, orders);
        // every order's checkout commits once in two phases; every effect's delivering transaction
        // (one event, or a batch) too
        double twoPhasePerOrder = (orders + effectTransactions) / perOrder;
        double commitsPerOrder = commits / perOrder;
        double statementsPerOrder =
                statements.values().stream().mapToLong(Long::longValue).sum()
                        / (double) Math.max(1, orders);
        ServerWatch.Peaks usage = run.watch.peaks();
        run.memory.put("checkout capacity", usage);
        // CPU time per order, from the phase's average use: what bounds throughput once the machine
        // is busy
        double wildFlyCpuMillisPerOrder = usage.wildFlyCpuMillisPer(orders, seconds);
        double machineCpuMillisPerOrder = usage.machineCpuMillisPer(orders, seconds);
        run.report.section(
                "Checkout capacity",
                String.format(
                        Locale.ROOT,
                        "Rising open load, %s per step. Highest rate with p99 under 100 ms and no errors: **%.0f orders/s**. "
                                + "%d orders fully processed (all six effects committed) at **%.0f orders/s** overall, the backlog "
                                + "cleared %d s after the last step; acceptance to last effect p50 %s ms, p99 %s ms. "
                                + "CPU per order (its checkout and its six effects): **%.0f ms in WildFly**, %.0f ms on the whole "
                                + "machine (with PostgreSQL, the downstreams and the load generator); the machine was %.0f %% busy. "
                                + "**%.1f SQL statements per order** (below). "
                                + "Two-phase commits per order: **%.2f** (the checkout's one and the effects' delivering "
                                + "transactions, %.0f for %d orders: %.1f events per transaction); every commit PostgreSQL "
                                + "made, local and two-phase: %.2f per order.",
                        run.settings.phase().dividedBy(2),
                        highestUnder100,
                        orders,
                        processedPerSecond,
                        toDone.toSeconds(),
                        Report.ms(acceptanceToLastEffect[0]),
                        Report.ms(acceptanceToLastEffect[1]),
                        wildFlyCpuMillisPerOrder,
                        machineCpuMillisPerOrder,
                        100 * usage.machineBusy(),
                        statementsPerOrder,
                        twoPhasePerOrder,
                        effectTransactions,
                        orders,
                        // six effects apply each order's one event
                        effectTransactions == 0 ? 0 : 6.0 * orders / effectTransactions,
                        commitsPerOrder));
        run.report.table(List.of("offered/s", "requests", "p50 ms", "p99 ms", "errors"), rows);
        run.goals.measured(
                "WildFly CPU per fully processed order (capacity phase)",
                "≤ 10 ms",
                String.format(
                        Locale.ROOT,
                        "%.0f ms (the whole machine: %.0f ms)",
                        wildFlyCpuMillisPerOrder,
                        machineCpuMillisPerOrder),
                wildFlyCpuMillisPerOrder <= 10);
        run.goals.measured(
                "two-phase commits per order (capacity phase)",
                "≤ 1.5",
                String.format(
                        Locale.ROOT,
                        "%.2f (every PostgreSQL commit: %.2f)",
                        twoPhasePerOrder,
                        commitsPerOrder),
                twoPhasePerOrder <= 1.5);
        run.report.section(
                "What one order asks of the database",
                "Every statement OrderFlow ran during the phase and its backlog (pg_stat_statements; "
                        + "each is a round trip), divided by the orders fully processed; the most frequent. "
                        + "pg_stat_statements does not count the two-phase commit's PREPARE TRANSACTION and "
                        + "COMMIT PREPARED: two more for every XA transaction.");
        run.report.table(
                List.of("statement", "per order"),
                statements.entrySet().stream()
                        .limit(20)
                        .map(
                                e ->
                                        List.of(
                                                "`" + abbreviated(e.getKey()) + "`",
                                                String.format(
                                                        Locale.ROOT,
                                                        "%.2f",
                                                        e.getValue()
                                                                / (double) Math.max(1, orders))))
                        .toList());
        List<EffectPace> effects = perEffect("bench-capacity%");
        run.report.section(
                "Which effect is the slowest",
                "Per effect, over the same orders: the time from acceptance to the "
                        + "effect's commit, and the effect's own pace (orders it completed per second between the first acceptance "
                        + "and its last commit). The slowest effect sets the rate at which orders are fully processed.");
        run.report.table(
                List.of("effect", "p50 ms", "p99 ms", "orders/s"),
                effects.stream()
                        .map(
                                e ->
                                        List.of(
                                                e.effect(),
                                                Report.ms(e.p50Millis()),
                                                Report.ms(e.p99Millis()),
                                                String.format(Locale.ROOT, "%.0f", e.perSecond())))
                        .toList());
        var paces = Json.createArrayBuilder();
        effects.forEach(
                e ->
                        paces.add(
                                Json.createObjectBuilder()
                                        .add("effect", e.effect())
                                        .add("p50Ms", e.p50Millis())
                                        .add("p99Ms", e.p99Millis())
                                        .add("ordersPerSecond", e.perSecond())));
        run.report.section(
                "Where the effects' time goes",
                "What the database's busy sessions were doing during the capacity "
                        + "phase and its backlog (pg_stat_activity, sampled ten times a second):");
        Map<String, Double> shares = waits.shares();
        run.report.table(
                List.of("database sessions were", "share of samples"),
                BenchRun.percentages(shares).stream().limit(8).toList());
        long[] connections = waits.connectionPeaks();
        run.report.paragraph(
                String.format(
                        Locale.ROOT,
                        "Connections to the database at the busiest sample: %d open, %d of them busy (the "
                                + "benchmark's own sampler included). OrderFlow's datasource may open up to its "
                                + "`max-pool-size` in `configure-datasource.cli`: a pool that held throughput back "
                                + "would show every connection busy at that size.",
                        connections[0],
                        connections[1]));
        run.report.section(
                "Where WildFly's CPU goes",
                String.format(
                        Locale.ROOT,
                        "JDK Flight Recorder during the same phase "
                                + "(%d execution samples; the recording is `capacity.jfr`, open it with JDK Mission Control or `jfr print`). "
                                + "The library each sample was in (the package of its topmost non-JDK frame), the hottest methods, the OrderFlow "
                                + "frame closest to the top of each sampled stack, and the busy threads:",
                        cpu.samples()));
        run.report.table(
                List.of("library", "share of CPU samples"), BenchRun.percentages(cpu.components()));
        run.report.table(
                List.of("hottest method", "share of CPU samples"),
                BenchRun.percentages(cpu.hotMethods()));
        run.report.table(
                List.of("OrderFlow frame on the stack", "share of CPU samples"),
                BenchRun.percentages(cpu.orderFlowFrames()));
        run.report.table(
                List.of("thread pool", "share of CPU samples"),
                BenchRun.percentages(cpu.threads()));
        run.report.data(
                "capacity",
                Json.createObjectBuilder()
                        .add("steps", steps)
                        .add("perEffect", paces)
                        .add("highestRateWithP99Under100ms", highestUnder100)
                        .add("ordersFullyProcessed", orders)
                        .add("fullyProcessedPerSecond", processedPerSecond)
                        .add("wildFlyCpuMillisPerOrder", wildFlyCpuMillisPerOrder)
                        .add("machineCpuMillisPerOrder", machineCpuMillisPerOrder)
                        .add("statementsPerOrder", statementsPerOrder)
                        .add("twoPhaseCommitsPerOrder", twoPhasePerOrder)
                        .add("databaseCommitsPerOrder", commitsPerOrder)
                        .add("acceptanceToLastEffectP50Ms", acceptanceToLastEffect[0])
                        .add("acceptanceToLastEffectP99Ms", acceptanceToLastEffect[1])
                        .add("databaseSessionShares", BenchRun.jsonOf(shares))
                        .add("databaseConnectionsPeak", connections[0])
                        .add("databaseConnectionsBusyPeak", connections[1])
                        .add("cpuSamples", cpu.samples())
                        .add("components", BenchRun.jsonOf(cpu.components()))
                        .add("hotMethods", BenchRun.jsonOf(cpu.hotMethods()))
                        .add("orderFlowFrames", BenchRun.jsonOf(cpu.orderFlowFrames()))
                        .add("threads", BenchRun.jsonOf(cpu.threads())));
        return new Result(
                processedPerSecond,
                wildFlyCpuMillisPerOrder,
                machineCpuMillisPerOrder,
                twoPhasePerOrder);
    }

    /** The effects' delivering transactions that committed so far, from the Prometheus scrape. */
    private static double effectTransactions() {
        double committed =
                Metrics.value(
                        Metrics.scrape(BenchRun.MONITORING_USER, BenchRun.MONITORING_PASSWORD),
                        "orderflow_effect_transactions_total",
                        Map.of());
        return Double.isNaN(committed) ? 0 : committed;
    }

    /** A statement short enough for a table cell, on one line. */
    private static String abbreviated(String statement) {
        String line = statement.replaceAll("\\s+", " ").replace("|", "\\|").strip();
        return line.length() <= 110 ? line : line.substring(0, 107) + "...";
    }

    private record EffectPace(
            String effect, double p50Millis, double p99Millis, double perSecond) {}

    private List<EffectPace> perEffect(String customers) throws SQLException {
        List<EffectPace> rows = new ArrayList<>();
        try (Connection connection = run.services.database().connect();
                Statement sql = connection.createStatement();
                ResultSet result =
                        sql.executeQuery(
                                "select e.effect, "
                                        + "percentile_cont(0.5) within group (order by extract(epoch from e.completed_at - o.created_at) * 1000), "
                                        + "percentile_cont(0.99) within group (order by extract(epoch from e.completed_at - o.created_at) * 1000), "
                                        + "count(*) / greatest(0.001, extract(epoch from max(e.completed_at) - min(o.created_at))) "
                                        + "from orders o join effect_events e on e.order_id = o.id where o.customer_email like '"
                                        + customers
                                        + "' "
                                        + "group by e.effect order by 4")) {
            while (result.next()) {
                rows.add(
                        new EffectPace(
                                result.getString(1).toLowerCase(Locale.ROOT),
                                result.getDouble(2),
                                result.getDouble(3),
                                result.getDouble(4)));
            }
        }
        return rows;
    }
}
