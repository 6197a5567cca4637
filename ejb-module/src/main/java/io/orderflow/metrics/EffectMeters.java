package io.orderflow.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What each effect reports to Prometheus, labelled {@code effect}: events applied ({@code
 * orderflow_effect_processed_total}), deliveries that rolled back ({@code
 * orderflow_effect_failed_total}), redeliveries received ({@code orderflow_effect_retried_total}),
 * delivering transactions that committed ({@code orderflow_effect_transactions_total}: events
 * applied per transaction tell the batches' size), and the time from the event (an order's
 * acceptance, its cancellation) to the effect's commit ({@code orderflow_effect_lag_seconds}:
 * count, sum, max), the kill switch's trips ({@code orderflow_effect_kill_switch_trips_total});
 * and, labelled {@code source}, messages recorded in a dead-letter queue ({@code
 * orderflow_dead_lettered_total}).
 */
@ApplicationScoped
public class EffectMeters {

    private static final String PROCESSED = "orderflow.effect.processed";
    private static final String TRANSACTIONS = "orderflow.effect.transactions";
    private static final String FAILED = "orderflow.effect.failed";
    private static final String RETRIED = "orderflow.effect.retried";
    private static final String TRIPS = "orderflow.effect.kill.switch.trips";
    private static final String LAG = "orderflow.effect.lag";
    private static final String DEAD_LETTERED = "orderflow.dead.lettered";

    @Inject OrderFlowMetrics metrics;

    private KnownMeters meters;

    @PostConstruct
    void describe() {
        meters =
                new KnownMeters(
                        metrics.registry(),
                        Map.of(
                                PROCESSED,
                                "Events the effect applied and committed",
                                TRANSACTIONS,
                                "Delivering transactions the effect committed, one event or a batch",
                                FAILED,
                                "Deliveries to the effect that rolled back, to be redelivered",
                                RETRIED,
                                "Redeliveries the effect received",
                                TRIPS,
                                "Times the effect's kill switch paused its queue",
                                LAG,
                                "From the event (an acceptance, a cancellation) to the effect's commit",
                                DEAD_LETTERED,
                                "Messages recorded in a dead-letter queue, by source"));
    }

    /**
     * Puts the effect's series in the scrape at zero, so that a dashboard or an alert on its
     * failures has a series before the first failure, which is when it is needed.
     */
    public void known(String effect) {
        for (String counter : List.of(PROCESSED, TRANSACTIONS, FAILED, RETRIED, TRIPS)) {
            meters.counter(counter, "effect", effect);
        }
        meters.timer(LAG, "effect", effect);
    }

    /** Puts the dead-letter source's series in the scrape at zero, as {@link #known} does. */
    public void knownSource(String source) {
        meters.counter(DEAD_LETTERED, "source", source);
    }

    public void processed(String effect, Duration sinceEvent) {
        meters.counter(PROCESSED, "effect", effect).increment();
        meters.timer(LAG, "effect", effect).record(sinceEvent);
    }

    /** A transaction that delivered events to the effect committed, however many it applied. */
    public void committed(String effect) {
        meters.counter(TRANSACTIONS, "effect", effect).increment();
    }

    public void failed(String effect) {
        meters.counter(FAILED, "effect", effect).increment();
    }

    public void retried(String effect) {
        meters.counter(RETRIED, "effect", effect).increment();
    }

    public void tripped(String effect) {
        meters.counter(TRIPS, "effect", effect).increment();
    }

    /**
     * @param source the dead-letter queue's name on the desk: an effect's key, {@code telemetry} or
     *     {@code payment-voids}
     */
    public void deadLettered(String source) {
        meters.counter(DEAD_LETTERED, "source", source).increment();
    }
}
