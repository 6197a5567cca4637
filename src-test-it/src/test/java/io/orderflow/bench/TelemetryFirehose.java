package io.orderflow.bench;

import io.orderflow.it.support.Broker;
import io.orderflow.messaging.Queues;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Telemetry at a rate no database write path takes directly: what the queue absorbs, and how fast
 * the writers drain it.
 */
final class TelemetryFirehose {

    private final BenchRun run;

    TelemetryFirehose(BenchRun run) {
        this.run = run;
    }

    void measure(String heading, double times, int readingsPerBatch, String name) throws Exception {
        double requestsPerSecond =
                run.settings.firehoseRequestsPerSecond()
                        * times
                        * run.settings.readingsPerBatch()
                        / readingsPerBatch;
        JsonObject before = BenchRun.stats();
        List<double[]> samples = Collections.synchronizedList(new ArrayList<>());
        Instant start = Instant.now();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        JsonObject now = BenchRun.stats();
                        samples.add(
                                new double[] {
                                    Duration.between(start, Instant.now()).toMillis() / 1000.0,
                                    now.getJsonNumber("queuedBatches").doubleValue(),
                                    now.getJsonNumber("written").doubleValue()
                                            - before.getJsonNumber("written").doubleValue()
                                });
                    } catch (RuntimeException e) {
                        // a missed sample leaves a gap in the chart, nothing more
                    }
                },
                0,
                500,
                TimeUnit.MILLISECONDS);
        OpenLoad.Result ingest =
                run.load.run(
                        requestsPerSecond,
                        run.settings.phase(),
                        i -> run.batch(i, readingsPerBatch),
                        202);
        Instant offered = Instant.now();
        long accepted = (long) ingest.ok() * readingsPerBatch;
        long writtenBefore = before.getJsonNumber("written").longValue();
        awaitDrained(writtenBefore, accepted, Duration.ofMinutes(10));
        Instant drained = Instant.now();
        sampler.shutdownNow();
        long written = written() - writtenBefore;
        double drainRate =
                written / Math.max(0.001, Duration.between(start, drained).toMillis() / 1000.0);
        run.report.section(
                heading,
                String.format(
                        Locale.ROOT,
                        "%.0f batches of %d readings a second (%.0f readings/s) for %s, then nothing. Accepted %d readings, "
                                + "rejected %.1f %% of the batches (503, queue full), written %d (**%s**). Ingest p50 %s ms, p99 %s ms. "
                                + "Queue empty %d s after the load ended; written at **%.0f readings/s** over the whole run.",
                        requestsPerSecond,
                        readingsPerBatch,
                        requestsPerSecond * readingsPerBatch,
                        run.settings.phase(),
                        accepted,
                        100 * ingest.errorShare(),
                        written,
                        written == accepted ? "none lost" : "MISMATCH",
                        Report.ms(ingest.percentileMillis(50)),
                        Report.ms(ingest.percentileMillis(99)),
                        Duration.between(offered, drained).toSeconds(),
                        drainRate));
        run.report.data(
                name,
                Json.createObjectBuilder()
                        .add("ingest", BenchRun.json(ingest))
                        .add("readingsAccepted", accepted)
                        .add("readingsWritten", written)
                        .add("drainReadingsPerSecond", drainRate)
                        .add(
                                "secondsToEmptyAfterLoad",
                                Duration.between(offered, drained).toMillis() / 1000.0));
        XYChart depth =
                new XYChartBuilder()
                        .width(700)
                        .height(400)
                        .title(heading + ": queue depth and rows written")
                        .xAxisTitle("s")
                        .yAxisTitle("batches queued / thousand rows written")
                        .build();
        if (!samples.isEmpty()) {
            depth.addSeries(
                    "batches queued",
                    samples.stream().map(s -> s[0]).toList(),
                    samples.stream().map(s -> s[1]).toList());
            depth.addSeries(
                    "rows written (thousands)",
                    samples.stream().map(s -> s[0]).toList(),
                    samples.stream().map(s -> s[2] / 1000).toList());
        }
        run.report.chart(name, depth);
        run.phaseDone(heading.toLowerCase(Locale.ROOT));
    }

    /**
     * The writer alone: a backlog is queued while the queue is paused, then drained with nothing
     * else arriving, so the rate is the writers' own and not bounded by what ingest offers.
     */
    void writerAlone() throws Exception {
        long writtenBefore = written();
        Broker.pause(Queues.TELEMETRY_READINGS);
        OpenLoad.Result queued;
        try {
            queued =
                    run.load.run(
                            run.settings.firehoseRequestsPerSecond() * 2,
                            run.settings.phase().dividedBy(5),
                            i -> run.batch(i, run.settings.readingsPerBatch()),
                            202);
        } finally {
            Broker.resume(Queues.TELEMETRY_READINGS);
        }
        Instant resumed = Instant.now();
        long accepted = (long) queued.ok() * run.settings.readingsPerBatch();
        awaitDrained(writtenBefore, accepted, Duration.ofMinutes(5));
        double seconds =
                Math.max(0.001, Duration.between(resumed, Instant.now()).toMillis() / 1000.0);
        long written = written() - writtenBefore;
        run.report.section(
                "Telemetry writer alone",
                String.format(
                        Locale.ROOT,
                        "%d batches of %d readings queued while the "
                                + "queue was paused, then drained by the writers (`orderflow.telemetry.writers`, one batch per "
                                + "transaction) with nothing else arriving: %d readings written in %.1f s, **%.0f readings/s**.",
                        queued.ok(),
                        run.settings.readingsPerBatch(),
                        written,
                        seconds,
                        written / seconds));
        run.report.data(
                "writerDrain",
                Json.createObjectBuilder()
                        .add("batchesQueued", queued.ok())
                        .add("readingsAccepted", accepted)
                        .add("readingsWritten", written)
                        .add("drainSeconds", seconds)
                        .add("readingsPerSecond", written / seconds));
        run.phaseDone("telemetry writer alone");
    }

    /**
     * Waits until everything accepted since {@code writtenBefore} is written and no batch waits in
     * the queue.
     */
    private static void awaitDrained(long writtenBefore, long accepted, Duration atMost) {
        BenchRun.pollUntil(
                atMost,
                () -> {
                    JsonObject now = BenchRun.stats();
                    return now.getJsonNumber("written").longValue() - writtenBefore >= accepted
                            && now.getJsonNumber("queuedBatches").longValue() == 0;
                });
    }

    private static long written() {
        return BenchRun.stats().getJsonNumber("written").longValue();
    }
}
