package io.orderflow.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules and the Grafana dashboard in docs/monitoring, checked by Prometheus' own
 * promtool (Debian's prometheus package, which .ci/run installs): the rules parse, each alert fires
 * on the series its unit tests give it and only then, and every query of the dashboard is PromQL
 * that promtool accepts. (MetricsIT checks that the series both name are in the scrape.)
 */
class MonitoringRulesTest {

    private static final Path MONITORING = Path.of("..", "docs", "monitoring");

    /** A query of the dashboard, as Grafana's JSON model writes it. */
    private static final Pattern QUERY = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir Path work;

    @Test
    void promtool_accepts_the_rules() throws Exception {
        assertThat(promtool("check", "rules", "orderflow-rules.yml")).contains("SUCCESS: 7 rules");
    }

    @Test
    void every_alert_fires_as_its_unit_tests_expect() throws Exception {
        assertThat(promtool("test", "rules", "orderflow-rules.test.yml")).contains("SUCCESS");
    }

    /**
     * Each query of the dashboard becomes a recording rule, which promtool parses as Prometheus
     * would evaluate it.
     */
    @Test
    void every_query_of_the_dashboard_is_promql_promtool_accepts() throws Exception {
        Matcher query =
                QUERY.matcher(Files.readString(MONITORING.resolve("orderflow-dashboard.json")));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int queries = 0;
        while (query.find()) {
            queries++;
            String expression = query.group(1).replace("\\\"", "\"").replace("'", "''");
            rules.append("      - record: dashboard_query_")
                    .append(queries)
                    .append("\n        expr: '")
                    .append(expression)
                    .append("'\n");
        }
        assertThat(queries).as("queries in the dashboard").isGreaterThanOrEqualTo(10);
        Path file = Files.writeString(work.resolve("dashboard-queries.yml"), rules);
        assertThat(promtool("check", "rules", file.toString()))
                .contains("SUCCESS: " + queries + " rules");
    }

    /** What promtool printed, once it finished without an error. */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        Process promtool;
        try {
            promtool =
                    new ProcessBuilder(concat("promtool", arguments))
                            .directory(MONITORING.toFile())
                            .redirectErrorStream(true)
                            .start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException(
                    "promtool is needed: apt-get install prometheus (as .ci/run does)",
                    notInstalled);
        }
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> concat(String command, String... arguments) {
        return Stream.concat(Stream.of(command), Stream.of(arguments)).toList();
    }
}
