package io.orderflow.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The benchmark's report: Markdown for people, JSON for machines, PNG charts, in one dated folder.
 */
final class Report {

    private final Path folder;
    private final StringBuilder markdown = new StringBuilder();
    private final JsonObjectBuilder json = Json.createObjectBuilder();
    private final List<String> charts = new ArrayList<>();

    Report(Path folder, String title, String machine) throws IOException {
        this.folder = Files.createDirectories(folder);
        markdown.append("# ").append(title).append("\n\n").append(machine).append("\n\n");
        json.add("title", title).add("machine", machine);
    }

    Path folder() {
        return folder;
    }

    void section(String heading, String text) {
        markdown.append("## ").append(heading).append("\n\n").append(text).append("\n\n");
    }

    void paragraph(String text) {
        markdown.append(text).append("\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        markdown.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> markdown.append("---|"));
        markdown.append('\n');
        rows.forEach(row -> markdown.append("| ").append(String.join(" | ", row)).append(" |\n"));
        markdown.append('\n');
    }

    void data(String key, JsonObjectBuilder value) {
        json.add(key, value);
    }

    void chart(String name, Chart<?, ?> chart) throws IOException {
        BitmapEncoder.saveBitmap(
                chart, folder.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        charts.add(name + ".png");
        markdown.append("![").append(name).append("](").append(name).append(".png)\n\n");
    }

    void write() throws IOException {
        Files.writeString(folder.resolve("report.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(
                folder.resolve("report.json"),
                json.add("charts", Json.createArrayBuilder(charts)).build().toString(),
                StandardCharsets.UTF_8);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
    }
}
