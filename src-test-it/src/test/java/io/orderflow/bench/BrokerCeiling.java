package io.orderflow.bench;

import io.orderflow.it.support.Broker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the broker itself can do on this machine, to set the application's messages against. */
final class BrokerCeiling {

    static final String PERF_USER = "bench-perf";

    /** The perf client's role: the broker lets it at its own queue only. */
    static final String PERF_ROLE = "bench";

    private static final String PERF_QUEUE = "bench.ceiling";

    private final BenchRun run;

    BrokerCeiling(BenchRun run) {
        this.run = run;
    }

    /** The embedded broker, through WildFly's HTTP port, as the perf clients reach it. */
    static String url() {
        return "tcp://127.0.0.1:"
                + System.getProperty("orderflow.it.http.port", "8180")
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
    }

    /**
     * The broker's raw ceiling on this machine, from Artemis' own perf client: one producer and one
     * consumer of persistent 1 KiB messages through the same embedded broker (and journal) the
     * application uses.
     */
    void measure(String password, double processedPerSecond) throws Exception {
        Broker.addQueue(PERF_QUEUE);
        Broker.grant(PERF_QUEUE, PERF_ROLE);
        Path json = run.report.folder().resolve("broker-ceiling.json");
        Process perf =
                new ProcessBuilder(
                                Path.of(
                                                System.getProperty("orderflow.artemis.home"),
                                                "bin",
                                                "artemis")
                                        .toString(),
                                "perf",
                                "client",
                                "--silent",
                                "--url",
                                url(),
                                "--user",
                                PERF_USER,
                                "--password",
                                password,
                                "--persistent",
                                "--message-size",
                                "1024",
                                "--warmup",
                                String.valueOf(
                                        Math.max(1, run.settings.brokerCeiling().toSeconds() / 4)),
                                "--duration",
                                String.valueOf(run.settings.brokerCeiling().toSeconds()),
                                "--json",
                                json.toString(),
                                "queue://" + PERF_QUEUE)
                        .redirectErrorStream(true)
                        .redirectOutput(run.report.folder().resolve("broker-ceiling.log").toFile())
                        .start();
        if (!perf.waitFor(run.settings.brokerCeiling().toSeconds() * 3 + 60, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IllegalStateException(
                    "artemis perf client did not finish; see broker-ceiling.log");
        }
        JsonObject summary;
        try (var reader = Json.createReader(new StringReader(Files.readString(json)))) {
            summary =
                    reader.readArray().getValuesAs(JsonObject.class).stream()
                            .filter(sample -> "summary".equals(sample.getString("sampleType", "")))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("no summary in " + json));
        }
        double perSecond =
                summary.getJsonNumber("totalReceived").doubleValue()
                        / run.settings.brokerCeiling().toSeconds();
        // each order is one published event, six diverted copies and six consumed messages
        double applicationShare = processedPerSecond * 6 / Math.max(1, perSecond);
        run.report.section(
                "Broker ceiling",
                String.format(
                        Locale.ROOT,
                        "Artemis perf client, persistent 1 KiB messages, "
                                + "1 producer and 1 consumer for %d s, through the broker embedded in this WildFly: **%.0f messages/s** "
                                + "sent and received (transfer time p50 %d µs, p99 %d µs). The checkout's %.0f fully processed orders/s "
                                + "move %.0f effect messages/s: %.0f %% of that ceiling.",
                        run.settings.brokerCeiling().toSeconds(),
                        perSecond,
                        summary.getJsonObject("totalTransferTime").getJsonNumber("50").longValue(),
                        summary.getJsonObject("totalTransferTime").getJsonNumber("99").longValue(),
                        processedPerSecond,
                        processedPerSecond * 6,
                        100 * applicationShare));
        run.report.data(
                "brokerCeiling",
                Json.createObjectBuilder()
                        .add("messagesPerSecond", perSecond)
                        .add("applicationShare", applicationShare)
                        .add("perfSummary", summary));
        run.phaseDone("broker ceiling");
    }
}
