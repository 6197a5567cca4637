package io.orderflow.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

/**
 * The checkout with a queue against the same checkout without one, with slow downstreams and with
 * the mail server down.
 */
final class CheckoutComparison {

    private final BenchRun run;

    CheckoutComparison(BenchRun run) {
        this.run = run;
    }

    void measure() throws Exception {
        run.services.payment().wireMock().setGlobalFixedDelay(150);
        StubMapping slowWarehouse =
                run.services
                        .warehouse()
                        .wireMock()
                        .stubFor(
                                post(urlPathMatching("/warehouse/.*"))
                                        .atPriority(1)
                                        .willReturn(
                                                aResponse()
                                                        .withStatus(202)
                                                        .withFixedDelay(
                                                                (int)
                                                                        run.settings
                                                                                .warehouseDelayMillis())));
        try {
            OpenLoad.Result async =
                    run.load.run(
                            run.settings.asyncRate(),
                            run.settings.phase(),
                            i -> run.order("bench-async", "async"),
                            201);
            OpenLoad.Result sync =
                    run.load.run(
                            run.settings.syncRate(),
                            run.settings.phase(),
                            i -> run.order("bench-sync", "sync"),
                            201);
            run.services.mail().outage();
            OpenLoad.Result asyncDown;
            OpenLoad.Result syncDown;
            try {
                Duration shortPhase = run.settings.phase().dividedBy(4).plusSeconds(1);
                asyncDown =
                        run.load.run(
                                run.settings.asyncRate(),
                                shortPhase,
                                i -> run.order("bench-async-down", "async"),
                                201);
                syncDown =
                        run.load.run(
                                run.settings.syncRate(),
                                shortPhase,
                                i -> run.order("bench-sync-down", "sync"),
                                201);
            } finally {
                run.services.mail().resume();
            }
            double ratio = sync.percentileMillis(99) / Math.max(0.001, async.percentileMillis(99));
            run.goals.measured(
                    String.format(
                            Locale.ROOT,
                            "checkout p99 with the payment answering in 150 ms, %.0f orders/s",
                            run.settings.asyncRate()),
                    "≤ 175 ms",
                    Report.ms(async.percentileMillis(99)) + " ms",
                    async.percentileMillis(99) <= 175 && async.errorShare() == 0);
            run.report.section(
                    "Checkout with and without a queue",
                    String.format(
                            Locale.ROOT,
                            "Payment answers in 150 ms; the warehouse webhook takes %d ms. The other effects are the real, fast "
                                    + "components (PostgreSQL, GreenMail). Open load, latency from each request's due time. "
                                    + "p99 ratio sync/async: **%.0f**.",
                            run.settings.warehouseDelayMillis(),
                            ratio));
            run.report.table(
                    List.of(
                            "checkout",
                            "offered/s",
                            "requests",
                            "p50 ms",
                            "p99 ms",
                            "p99.9 ms",
                            "errors",
                            "errors, mail down"),
                    List.of(
                            row("async (queue)", async, asyncDown),
                            row("sync (inline)", sync, syncDown)));
            run.report.data(
                    "checkout",
                    Json.createObjectBuilder()
                            .add("async", BenchRun.json(async))
                            .add("sync", BenchRun.json(sync))
                            .add("asyncMailDown", BenchRun.json(asyncDown))
                            .add("syncMailDown", BenchRun.json(syncDown))
                            .add("p99Ratio", ratio));
            CategoryChart chart =
                    new CategoryChartBuilder()
                            .width(700)
                            .height(400)
                            .title("Checkout latency (ms, log scale)")
                            .xAxisTitle("percentile")
                            .yAxisTitle("ms")
                            .build();
            chart.getStyler().setYAxisLogarithmic(true);
            // bars start at 0, which a logarithmic axis cannot draw
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
            List<String> percentiles = List.of("p50", "p99", "p99.9");
            chart.addSeries("async", percentiles, percentilesOf(async));
            chart.addSeries("sync", percentiles, percentilesOf(sync));
            run.report.chart("checkout-latency", chart);
        } finally {
            run.services.payment().wireMock().setGlobalFixedDelay(0);
            run.services.warehouse().wireMock().removeStub(slowWarehouse);
            run.awaitEffectsDone(Duration.ofMinutes(5));
            run.phaseDone("checkout sync/async");
        }
    }

    /** For a logarithmic axis, which cannot show 0 (a phase without answers). */
    private static List<Double> percentilesOf(OpenLoad.Result result) {
        return List.of(50.0, 99.0, 99.9).stream()
                .map(p -> Math.max(0.01, result.percentileMillis(p)))
                .toList();
    }

    private static List<String> row(String name, OpenLoad.Result result, OpenLoad.Result down) {
        return List.of(
                name,
                String.format(Locale.ROOT, "%.0f", result.offeredPerSecond()),
                String.valueOf(result.sent()),
                Report.ms(result.percentileMillis(50)),
                Report.ms(result.percentileMillis(99)),
                Report.ms(result.percentileMillis(99.9)),
                String.format(Locale.ROOT, "%.1f %%", 100 * result.errorShare()),
                String.format(Locale.ROOT, "%.1f %%", 100 * down.errorShare()));
    }
}
