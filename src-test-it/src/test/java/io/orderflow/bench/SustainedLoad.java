package io.orderflow.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Two goals that only a steady load shows, each held for a minute. First twice the rate at which
 * the effects kept pace in the capacity phase: the checkout must keep its latency while the effects
 * fall behind (the queue takes the difference), the backlog must drain afterwards, and nothing may
 * be lost. Then the goal rate: how many orders the effects finish per second while it lasts. The
 * overload comes last, so that the connections it leaves behind do not weigh on the other.
 */
final class SustainedLoad {

    private final BenchRun run;

    SustainedLoad(BenchRun run) {
        this.run = run;
    }

    void measure(CheckoutCapacity.Result capacity) throws Exception {
        double goalRate = run.settings.sustainedRate();
        // without the capacity phase, half the goal stands for the effects' pace
        double effectsRate =
                capacity.processedPerSecond() > 0 ? capacity.processedPerSecond() : goalRate / 2;
        Window twice = hold("bench-twice", 2 * effectsRate);
        Window atGoal = hold("bench-sustained", goalRate);
        run.report.section(
                "Sustained load",
                String.format(
                        Locale.ROOT,
                        "Open load held for %s: first at twice the rate the effects kept pace with in the capacity "
                                + "phase (%.0f/s offered), then at the goal of %.0f orders/s. Fully processed counts the "
                                + "orders whose six effects had all committed when the last answer came, over the time "
                                + "from the first request; the backlog is what was left undone then, how long the effects "
                                + "took to clear it, and at what pace with the cores to themselves.",
                        run.settings.sustained(),
                        2 * effectsRate,
                        goalRate));
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
                        "drained orders/s",
                        "left undone"),
                List.of(twice.row(), atGoal.row()));
        run.report.data(
                "sustained",
                Json.createObjectBuilder()
                        .add("twiceTheEffects", twice.json())
                        .add("atGoal", atGoal.json()));
        run.goals.measured(
                String.format(
                        Locale.ROOT,
                        "checkout p99 at twice the effects' rate (%.0f/s offered) for %d s",
                        2 * effectsRate,
                        run.settings.sustained().toSeconds()),
                "≤ 150 ms, the backlog drained, nothing lost",
                String.format(
                        Locale.ROOT,
                        "%s ms, %.1f %% errors; %d waiting drained in %d s; %d left undone",
                        Report.ms(twice.load().percentileMillis(99)),
                        100 * twice.load().errorShare(),
                        twice.backlog(),
                        twice.drained().toSeconds(),
                        twice.undone()),
                twice.load().percentileMillis(99) <= 150
                        && twice.load().errorShare() == 0
                        && twice.undone() == 0);
        run.goals.measured(
                "orders fully processed, sustained " + run.settings.sustained().toSeconds() + " s",
                String.format(Locale.ROOT, "%.0f /s", goalRate),
                String.format(
                        Locale.ROOT,
                        "%.0f /s (checkout p99 %s ms, %.1f %% errors; the backlog then drained at %.0f/s)",
                        atGoal.processedPerSecond(),
                        Report.ms(atGoal.load().percentileMillis(99)),
                        100 * atGoal.load().errorShare(),
                        atGoal.drainedPerSecond()),
                atGoal.processedPerSecond() >= goalRate);
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
                    String.format(Locale.ROOT, "%.0f", drainedPerSecond()),
                    String.valueOf(undone));
        }

        /** The effects' pace with the checkout quiet: the backlog over the time it took. */
        double drainedPerSecond() {
            return backlog / Math.max(0.001, drained.toMillis() / 1000.0);
        }

        JsonObjectBuilder json() {
            return BenchRun.json(load)
                    .add("fullyProcessedPerSecond", processedPerSecond)
                    .add("backlogWhenLoadStopped", backlog)
                    .add("drainedSeconds", drained.toSeconds())
                    .add("drainedPerSecond", drainedPerSecond())
                    .add("leftUndone", undone);
        }
    }
}
