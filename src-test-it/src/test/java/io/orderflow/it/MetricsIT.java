package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Faults;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Metrics;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OrderFlow's Prometheus scrape ({@code /api/metrics}) counts what happened (orders accepted and
 * refused, each effect's deliveries applied, failed and retried, dead letters) and reads what waits
 * (queues, dead-letter queues, telemetry); promtool accepts it without a remark, and the runbook's
 * list of metrics is the scrape's.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final Duration SEEN_WITHIN = Duration.ofSeconds(60);

    @Test
    void the_scrape_counts_orders_refusals_and_every_effects_failed_and_retried_deliveries() {
        String before = Metrics.scrape();
        String sku = Products.create("metrics", 10);
        Faults.refuseFirstInboxAttempts(1);
        try {
            String orderId = Orders.place(Orders.uniqueCustomer("metrics"), sku, "1");
            Orders.awaitAllDone(orderId);
        } finally {
            Faults.stopRefusingInboxAttempts();
        }
        Api.Reply refused =
                Api.postJson(
                        "/orders",
                        Orders.body(
                                Orders.uniqueCustomer("metrics"), "tok_ok", "NO-SUCH-SKU", "1"));
        assertThat(refused.status()).as(refused.described()).isEqualTo(422);

        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () -> {
                            String after = Metrics.scrape();
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_orders_accepted_total",
                                                    Map.of()))
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_orders_refused_total",
                                                    Map.of("reason", "unknown-product")))
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_checkout_seconds_count",
                                                    Map.of("status", "201")))
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_checkout_seconds_bucket",
                                                    Map.of("le", "+Inf")))
                                    .isGreaterThanOrEqualTo(2);
                            for (Effect effect : Effect.values()) {
                                Map<String, String> label = Map.of("effect", effect.key());
                                assertThat(
                                                Metrics.grew(
                                                        before,
                                                        after,
                                                        "orderflow_effect_processed_total",
                                                        label))
                                        .as("processed by " + effect.key())
                                        .isGreaterThanOrEqualTo(1);
                                assertThat(
                                                Metrics.grew(
                                                        before,
                                                        after,
                                                        "orderflow_effect_failed_total",
                                                        label))
                                        .as("failed in " + effect.key())
                                        .isGreaterThanOrEqualTo(1);
                                assertThat(
                                                Metrics.grew(
                                                        before,
                                                        after,
                                                        "orderflow_effect_retried_total",
                                                        label))
                                        .as("retried by " + effect.key())
                                        .isGreaterThanOrEqualTo(1);
                                assertThat(
                                                Metrics.grew(
                                                        before,
                                                        after,
                                                        "orderflow_effect_lag_seconds_count",
                                                        label))
                                        .as("lag of " + effect.key())
                                        .isGreaterThanOrEqualTo(1);
                            }
                        });
    }

    /**
     * The failure families are in the scrape for every effect and every dead-letter source before
     * anything failed there: the shared server's kill switches never trip and its payment voids
     * never dead-letter, yet their series are there, at zero. So is every series the alerting rules
     * and the dashboard in docs/monitoring name.
     */
    /**
     * Prometheus' own linter finds nothing to say (a HELP text on every family, a real histogram,
     * counters ending in _total); every family is in the runbook's list and the list names no
     * family the scrape lacks; WildFly's scrape carries none of OrderFlow's.
     */
    @Test
    void promtool_accepts_the_scrape_and_the_runbook_lists_every_family() throws Exception {
        String scrape = Metrics.scrape();
        Process promtool =
                new ProcessBuilder("promtool", "check", "metrics")
                        .redirectErrorStream(true)
                        .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String remarks =
                new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(remarks).as("promtool's remarks").isEmpty();
        assertThat(promtool.exitValue()).isZero();

        Set<String> families =
                scrape.lines()
                        .filter(line -> line.startsWith("# TYPE "))
                        .map(line -> line.split(" ")[2])
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(families)
                .hasSizeGreaterThanOrEqualTo(20)
                .allMatch(f -> f.startsWith("orderflow_"));
        String runbook =
                Files.readString(
                        Path.of(System.getProperty("orderflow.root", ".."), "docs/operating.md"));
        Set<String> listed = new TreeSet<>();
        // a row's first cell, which names one family or several
        Matcher row =
                Pattern.compile("^\\| ([^|]*`orderflow_[^|]*)\\|", Pattern.MULTILINE)
                        .matcher(runbook);
        while (row.find()) {
            Matcher name = Pattern.compile("`(orderflow_[a-z_]+)`").matcher(row.group(1));
            while (name.find()) {
                listed.add(name.group(1));
            }
        }
        assertThat(listed)
                .as("the runbook's metrics")
                .containsExactlyInAnyOrderElementsOf(families);
        assertThat(Api.getAt(Management.BASE, "/prometheus").body())
                .as("WildFly's own scrape")
                .doesNotContain("orderflow_");
    }

    @Test
    void every_effects_and_every_sources_series_is_in_the_scrape_before_its_first_event()
            throws IOException {
        String scrape = Metrics.scrape();
        for (Effect effect : Effect.values()) {
            for (String family :
                    List.of(
                            "orderflow_effect_processed_total",
                            "orderflow_effect_transactions_total",
                            "orderflow_effect_failed_total",
                            "orderflow_effect_retried_total",
                            "orderflow_effect_kill_switch_trips_total",
                            "orderflow_effect_lag_seconds_count")) {
                assertThat(Metrics.value(scrape, family, Map.of("effect", effect.key())))
                        .as(family + " of " + effect.key())
                        .isNotNaN();
            }
        }
        assertThat(
                        Metrics.value(
                                scrape,
                                "orderflow_effect_kill_switch_trips_total",
                                Map.of("effect", "warehouse")))
                .as("the shared server's switches are off")
                .isZero();
        for (String monitoring : List.of("orderflow-rules.yml", "orderflow-dashboard.json")) {
            Matcher named =
                    Pattern.compile("orderflow_[a-z_]+")
                            .matcher(
                                    Files.readString(
                                            Path.of(
                                                    System.getProperty("orderflow.root", ".."),
                                                    "docs/monitoring",
                                                    monitoring)));
            while (named.find()) {
                assertThat(Metrics.has(scrape, named.group()))
                        .as(named.group() + ", named by " + monitoring)
                        .isTrue();
            }
        }
        for (String source : List.of("telemetry", "payment-voids", "warehouse")) {
            assertThat(
                            Metrics.value(
                                    scrape,
                                    "orderflow_dead_lettered_total",
                                    Map.of("source", source)))
                    .as(source)
                    .isNotNaN();
        }
    }

    @Test
    void the_scrape_reads_what_waits_from_the_broker() throws Exception {
        String before = Metrics.scrape();
        String version = DeadLetterDesk.deadLetterUnreadable(Effect.RECOMMENDATIONS.queue());
        try {
            assertThat(
                            Metrics.grew(
                                    before,
                                    Metrics.scrape(),
                                    "orderflow_dead_lettered_total",
                                    Map.of("source", "recommendations")))
                    .isEqualTo(1);
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Metrics.value(
                                                            "orderflow_dead_letters_waiting",
                                                            Map.of("source", "recommendations")))
                                            .isEqualTo(
                                                    Broker.messageCount(
                                                            "DLQ."
                                                                    + Effect.RECOMMENDATIONS
                                                                            .queue()))
                                            .isGreaterThanOrEqualTo(1));
        } finally {
            DeadLetterDesk.discardMarked(version, "unreadable, for the metrics test");
        }

        String sku = Products.create("metrics-waiting", 10);
        Broker.pause(Effect.SEARCH.queue());
        try {
            Orders.place(Orders.uniqueCustomer("metrics"), sku, "1");
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Metrics.value(
                                                            "orderflow_effect_queue_messages",
                                                            Map.of("effect", "search")))
                                            .isEqualTo(Broker.messageCount(Effect.SEARCH.queue()))
                                            .isGreaterThanOrEqualTo(1));
        } finally {
            Broker.resume(Effect.SEARCH.queue());
        }

        String sensor = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply accepted =
                Api.postJson(
                        "/telemetry",
                        "[{\"sensorId\":\""
                                + sensor
                                + "\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"metric\":\"temp\",\"value\":20.5}]");
        assertThat(accepted.status()).as(accepted.described()).isEqualTo(202);
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () -> {
                            String after = Metrics.scrape();
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_telemetry_readings_accepted_total",
                                                    Map.of()))
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(
                                            Metrics.grew(
                                                    before,
                                                    after,
                                                    "orderflow_telemetry_readings_written_total",
                                                    Map.of()))
                                    .isGreaterThanOrEqualTo(1);
                            assertThat(
                                            Metrics.value(
                                                    after,
                                                    "orderflow_telemetry_queue_bytes",
                                                    Map.of()))
                                    .as("the batch written, its queue empty")
                                    .isZero();
                            assertThat(
                                            Metrics.value(
                                                    after,
                                                    "orderflow_transactions_in_doubt",
                                                    Map.of()))
                                    .as("a healthy server leaves no transaction in doubt")
                                    .isZero();
                        });
    }
}
