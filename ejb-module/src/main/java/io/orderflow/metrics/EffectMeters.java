package io.orderflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * What each effect reports to Prometheus, labelled {@code effect}: events applied ({@code
 * orderflow_effect_processed_total}), deliveries that rolled back ({@code
 * orderflow_effect_failed_total}), redeliveries received ({@code orderflow_effect_retried_total}),
 * delivering transactions that committed ({@code orderflow_effect_transactions_total}: events
 * applied per transaction tell the batches' size), and the time from the event (an order's
 * acceptance, its cancellation) to the effect's commit ({@code orderflow_effect_lag_seconds}:
 * count, sum, max), the kill switch's trips ({@code orderflow_effect_kill_switch_trips_total});
 * and, labelled {@code source}, messages recorded in a dead-letter queue ({@code
 * orderflow_dead_lettered_total}). Registered by name and tags, as {@link CheckoutMeters} says why.
 */
@ApplicationScoped
public class EffectMeters {

    @Inject MeterRegistry registry;

    private KnownMeters meters;

    @PostConstruct
    void lookUpOnce() {
        meters = new KnownMeters(registry);
    }

    /**
     * Puts the effect's series in the scrape at zero, so that a dashboard or an alert on its
     * failures has a series before the first failure, which is when it is needed.
     */
    public void known(String effect) {
        for (String counter :
                List.of(
                        "orderflow.effect.processed",
                        "orderflow.effect.transactions",
                        "orderflow.effect.failed",
                        "orderflow.effect.retried",
                        "orderflow.effect.kill.switch.trips")) {
            meters.counter(counter, "effect", effect);
        }
        meters.timer("orderflow.effect.lag", "effect", effect);
    }

    /** Puts the dead-letter source's series in the scrape at zero, as {@link #known} does. */
    public void knownSource(String source) {
        meters.counter("orderflow.dead.lettered", "source", source);
    }

    public void processed(String effect, Duration sinceEvent) {
        meters.counter("orderflow.effect.processed", "effect", effect).increment();
        meters.timer("orderflow.effect.lag", "effect", effect).record(sinceEvent);
    }

    /** A transaction that delivered events to the effect committed, however many it applied. */
    public void committed(String effect) {
        meters.counter("orderflow.effect.transactions", "effect", effect).increment();
    }

    public void failed(String effect) {
        meters.counter("orderflow.effect.failed", "effect", effect).increment();
    }

    public void retried(String effect) {
        meters.counter("orderflow.effect.retried", "effect", effect).increment();
    }

    public void tripped(String effect) {
        meters.counter("orderflow.effect.kill.switch.trips", "effect", effect).increment();
    }

    /**
     * @param source the dead-letter queue's name on the desk: an effect's key, {@code telemetry} or
     *     {@code payment-voids}
     */
    public void deadLettered(String source) {
        meters.counter("orderflow.dead.lettered", "source", source).increment();
    }
}
