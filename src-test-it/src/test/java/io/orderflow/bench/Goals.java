package io.orderflow.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The throughput and latency goals of issue 21 beside what this run measured, one row per goal,
 * each filled in by the phase that measures it; written as the report's last section, so a reader
 * sees at once which goals the build reaches on this machine and which it misses.
 */
final class Goals {

    private final List<List<String>> rows = new ArrayList<>();
    private final JsonArrayBuilder json = Json.createArrayBuilder();

    void measured(String figure, String goal, String measured, boolean met) {
        rows.add(List.of(figure, goal, measured, met ? "met" : "**missed**"));
        json.add(
                Json.createObjectBuilder()
                        .add("figure", figure)
                        .add("goal", goal)
                        .add("measured", measured)
                        .add("met", met));
    }

    void write(Report report) {
        if (rows.isEmpty()) {
            return;
        }
        report.section(
                "Goals",
                "Issue 21's goals for this machine, each against what the phase that measures it saw in this run.");
        report.table(List.of("figure", "goal", "this run", ""), rows);
        report.data("goals", Json.createObjectBuilder().add("rows", json));
    }
}
