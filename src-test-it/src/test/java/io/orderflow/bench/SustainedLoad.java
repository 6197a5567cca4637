package io.orderflow.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Two goals that only a steady load shows. First the goal rate, held for a minute: how many orders
 * the effects finish per second while it lasts. Then twice what they finished, held as long: the
 * checkout must keep its latency while the effects fall behind (the queue takes the difference),
 * the backlog must drain afterwards, and nothing may be lost.
 */
final class SustainedLoad {

    private final BenchRun run;

    SustainedLoad(BenchRun run) {
        this.run = run;
    }

    void measure() throws Exception {
        double goalRate = run.settings.sustainedRate();
        Window atGoal = hold("bench-sustained", goalRate);
        double effectsRate = Math.max(1, atGoal.processedPerSecond());
        Window twice = hold("bench-twice", 2 * effectsRate);
        run.report.section(
                "Sustained load",
                String.format(
                        Locale.ROOT,
                        "Open load held for %s: first at the goal of %.0f orders/s, then at twice the rate the "
                                + "effects finished orders during the first (%.0f/s). Fully processed counts the orders "
                                + "whose six effects had all committed when the load stopped, over the load's duration; "
                                + "the backlog is what was left then, and how long the effects took to clear it.",
                        run.settings.sustained(),
                        goalRate,
                        2 * effectsRate));
        run.report.table(
                List.of(
                        "offered/s",
                        "requests",
                        "checkout p50 ms",
                        "checkout p99 ms",
                        "errors",
                        "fully processed orders/s",
                        "backlog when the load stopped",
                        "drained in s",
                        "left undone"),
                List.of(atGoal.row(), twice.row()));
        run.report.data(
                "sustained",
                Json.createObjectBuilder()
                        .add("atGoal", atGoal.json())
                        .add("twiceTheEffects", twice.json()));
        run.goals.measured(
                "orders fully processed, sustained " + run.settings.sustained().toSeconds() + " s",
                String.format(Locale.ROOT, "%.0f /s", goalRate),
                String.format(
                        Locale.ROOT,
                        "%.0f /s (checkout p99 %s ms, %.1f %% errors)",
                        atGoal.processedPerSecond(),
                        Report.ms(atGoal.load().percentileMillis(99)),
                        100 * atGoal.load().errorShare()),
                atGoal.processedPerSecond() >= goalRate);
        run.goals.measured(
                String.format(
                        Locale.ROOT,
                        "checkout p99 at twice the effects' rate (%.0f/s offered) for %d s",
                        2 * effectsRate,
                        run.settings.sustained().toSeconds()),
                "≤ 150 ms, the backlog drained, nothing lost",
                String.format(
                        Locale.ROOT,
                        "%s ms; %d waiting drained in %d s; %d left undone",
                        Report.ms(twice.load().percentileMillis(99)),
                        twice.backlog(),
                        twice.drained().toSeconds(),
                        twice.undone()),
                twice.load().percentileMillis(99) <= 150
                        && twice.load().errorShare() == 0
                        && twice.undone() == 0);
        run.phaseDone("sustained load");
    }

    private Window hold(String who, double rate) throws Exception {
        Instant start = Instant.now();
        OpenLoad.Result load =
                run.load.run(rate, run.settings.sustained(), i -> run.order(who, "async"), 201);
        double seconds =
                Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        long processed = run.count(fullyProcessed(who));
        long backlog = run.count(ordersOf(who)) - processed;
        Duration drained = run.awaitEffectsDone(Duration.ofMinutes(10));
        long undone = run.count(ordersOf(who)) - run.count(fullyProcessed(who));
        return new Window(load, processed / seconds, backlog, drained, undone);
    }

    private static String ordersOf(String who) {
        return "select count(*) from orders where customer_email like '" + who + "%'";
    }

    private static String fullyProcessed(String who) {
        return "select count(*) from orders o where o.customer_email like '"
                + who
                + "%' and not exists (select 1 from effect_events e where e.order_id = o.id "
                + "and e.state not in ('DONE', 'DISCARDED'))";
    }

    /** What one held load did. */
    private record Window(
            OpenLoad.Result load,
            double processedPerSecond,
            long backlog,
            Duration drained,
            long undone) {

        List<String> row() {
            return List.of(
                    String.format(Locale.ROOT, "%.0f", load.offeredPerSecond()),
                    String.valueOf(load.sent()),
                    Report.ms(load.percentileMillis(50)),
                    Report.ms(load.percentileMillis(99)),
                    String.format(Locale.ROOT, "%.2f %%", 100 * load.errorShare()),
                    String.format(Locale.ROOT, "%.0f", processedPerSecond),
                    String.valueOf(backlog),
                    String.valueOf(drained.toSeconds()),
                    String.valueOf(undone));
        }

        JsonObjectBuilder json() {
            return BenchRun.json(load)
                    .add("fullyProcessedPerSecond", processedPerSecond)
                    .add("backlogWhenLoadStopped", backlog)
                    .add("drainedSeconds", drained.toSeconds())
                    .add("leftUndone", undone);
        }
    }
}
