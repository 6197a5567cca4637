package io.orderflow.bench;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The same offered load twice (issue 21's goal: 100 orders/s, checkout p99 at most 200 ms): orders
 * spread over the catalogue as customers' are, then every order for the same product, a sale. The
 * difference is what contention on one row costs: the checkout's stock hold locks the product's row
 * in a short transaction of its own, so orders of one product take turns only for that long.
 */
final class HotProducts {

    private final BenchRun run;

    HotProducts(BenchRun run) {
        this.run = run;
    }

    void measure() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        var json = Json.createArrayBuilder();
        for (boolean hot : new boolean[] {false, true}) {
            String who = hot ? "bench-hot" : "bench-spread";
            IntFunction<HttpRequest> orders =
                    hot ? i -> run.hotOrder(who) : i -> run.order(who, "async");
            DatabaseWaits waits = new DatabaseWaits(run.services.database());
            Instant start = Instant.now();
            OpenLoad.Result load =
                    run.load.run(run.settings.hotRate(), run.settings.phase(), orders, 201);
            run.awaitEffectsDone(Duration.ofMinutes(5));
            double seconds =
                    Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
            waits.close();
            long processed =
                    run.count(
                            "select count(*) from orders where customer_email like '" + who + "%'");
            double[] toLastEffect = run.acceptanceToLastEffect(who + "%");
            double lockWaits =
                    waits.shares().entrySet().stream()
                            .filter(e -> e.getKey().startsWith("Lock:"))
                            .mapToDouble(Map.Entry::getValue)
                            .sum();
            String what = hot ? "one product, every order" : "500 products, by popularity";
            if (hot) {
                long oversold = run.count("select count(*) from products where reserved > stock");
                run.goals.measured(
                        String.format(
                                Locale.ROOT,
                                "one product in every order, %.0f orders/s",
                                run.settings.hotRate()),
                        "checkout p99 ≤ 200 ms, never oversold",
                        String.format(
                                Locale.ROOT,
                                "p99 %s ms, %.1f %% errors, %.0f/s fully processed, %d products oversold",
                                Report.ms(load.percentileMillis(99)),
                                100 * load.errorShare(),
                                processed / seconds,
                                oversold),
                        load.percentileMillis(99) <= 200
                                && load.errorShare() == 0
                                && oversold == 0);
            }
            rows.add(
                    List.of(
                            what,
                            Report.ms(load.percentileMillis(50)),
                            Report.ms(load.percentileMillis(99)),
                            String.format(Locale.ROOT, "%.2f %%", 100 * load.errorShare()),
                            String.format(Locale.ROOT, "%.0f", processed / seconds),
                            Report.ms(toLastEffect[0]),
                            Report.ms(toLastEffect[1]),
                            String.format(Locale.ROOT, "%.0f %%", 100 * lockWaits)));
            json.add(
                    BenchRun.json(load)
                            .add("products", what)
                            .add("fullyProcessedPerSecond", processed / seconds)
                            .add("acceptanceToLastEffectP50Ms", toLastEffect[0])
                            .add("acceptanceToLastEffectP99Ms", toLastEffect[1])
                            .add("databaseSamplesInLockWaits", lockWaits));
        }
        run.report.section(
                "Hot products",
                String.format(
                        Locale.ROOT,
                        "%.0f orders/s for %s, first spread over the catalogue, then every order for the same "
                                + "product. Fully processed counts from the first request to the last effect's commit; lock "
                                + "waits are the share of the database's busy-session samples waiting for a row lock.",
                        run.settings.hotRate(),
                        run.settings.phase()));
        run.report.table(
                List.of(
                        "orders for",
                        "checkout p50 ms",
                        "checkout p99 ms",
                        "errors",
                        "fully processed orders/s",
                        "to last effect p50 ms",
                        "p99 ms",
                        "lock waits"),
                rows);
        run.report.data("hotProducts", Json.createObjectBuilder().add("runs", json));
        run.phaseDone("hot products");
    }
}
