package io.orderflow.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules in docs/monitoring, checked by Prometheus' own promtool (Debian's prometheus
 * package, which .ci/run installs): the rules parse, and each alert fires on the series its unit
 * tests give it and only then.
 */
class MonitoringRulesTest {

    private static final Path MONITORING = Path.of("..", "docs", "monitoring");

    @Test
    void promtool_accepts_the_rules() throws Exception {
        assertThat(promtool("check", "rules", "orderflow-rules.yml")).contains("SUCCESS: 7 rules");
    }

    @Test
    void every_alert_fires_as_its_unit_tests_expect() throws Exception {
        assertThat(promtool("test", "rules", "orderflow-rules.test.yml")).contains("SUCCESS");
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
