package io.orderflow.it.ownservers;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.bench.Benchmark;
import io.orderflow.it.support.TestServices;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, run a few seconds small, proves its harness works: every phase runs and the report
 * is written. All but the cluster phase, whose servers (the broker pair, the nodes behind the
 * balancer) TwoNodesIT starts and kills: it would add their start, most of a minute, to every
 * build; {@code mvn -Pbench} runs it.
 */
class BenchmarkSmokeIT {

    @Test
    void a_short_run_writes_a_complete_report() throws Exception {
        Path folder =
                Benchmark.run(
                        Benchmark.Settings.SMOKE,
                        Set.of(Benchmark.ALL_PHASES.replace(",cluster", "").split(",")),
                        TestServices.services(),
                        Path.of(System.getProperty("orderflow.bench.reports")));

        assertThat(folder.resolve("report.md")).exists();
        assertThat(Files.readString(folder.resolve("report.md")))
                .contains(
                        "Checkout with and without a queue",
                        "Checkout capacity",
                        "Where WildFly's CPU goes",
                        "Telemetry firehose",
                        "Telemetry writer alone",
                        "WildFly memory and CPU per phase",
                        "Which effect is the slowest",
                        "What one order asks of the database",
                        "Hot products",
                        "The stack's own floor");
        JsonObject json;
        try (var reader =
                Json.createReader(
                        new StringReader(Files.readString(folder.resolve("report.json"))))) {
            json = reader.readObject();
        }
        assertThat(json.keySet())
                .contains(
                        "checkout",
                        "capacity",
                        "hotProducts",
                        "floor",
                        "brokerCeiling",
                        "firehose",
                        "firehose-3x",
                        "writerDrain",
                        "memory",
                        "charts");
        assertThat(json.getJsonObject("firehose").getJsonNumber("readingsWritten").longValue())
                .isEqualTo(
                        json.getJsonObject("firehose")
                                .getJsonNumber("readingsAccepted")
                                .longValue());
        assertThat(json.getJsonObject("capacity").getJsonNumber("cpuSamples").longValue())
                .isPositive();
        assertThat(json.getJsonObject("capacity").getJsonNumber("statementsPerOrder").doubleValue())
                .as("pg_stat_statements counted the application's statements")
                .isPositive();
        assertThat(json.getJsonObject("floor").getJsonNumber("messages").longValue())
                .as("the bare bean drained its whole backlog")
                .isEqualTo(100);
        assertThat(
                        json.getJsonObject("floor")
                                .getJsonObject("withoutXa")
                                .getJsonNumber("messages")
                                .longValue())
                .as("the bare bean without XA drained its whole backlog")
                .isEqualTo(100);
        assertThat(json.getJsonObject("hotProducts").getJsonArray("runs"))
                .as("orders spread over the catalogue, then for one product")
                .hasSize(2)
                .allSatisfy(
                        run ->
                                assertThat(
                                                run.asJsonObject()
                                                        .getJsonNumber("fullyProcessedPerSecond")
                                                        .doubleValue())
                                        .isPositive());
        assertThat(folder.resolve("capacity.jfr")).isNotEmptyFile();
        assertThat(folder.resolve("checkout-latency.png")).exists().isNotEmptyFile();
        assertThat(folder.resolve("firehose.png")).exists().isNotEmptyFile();
    }
}
