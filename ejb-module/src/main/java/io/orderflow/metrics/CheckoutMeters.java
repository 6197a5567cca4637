package io.orderflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * What the checkout reports to Prometheus: orders accepted ({@code
 * orderflow_orders_accepted_total}), refused by the problem type the client got ({@code
 * orderflow_orders_refused_total{reason}}), and how long every answer took: {@code
 * orderflow_checkout_seconds} ({@code _count}, {@code _sum}, {@code _max}, by {@code status}) and
 * the cumulative buckets {@code orderflow_checkout_within_total{le}}, answers that took at most
 * {@code le} seconds, which {@code histogram_quantile} reads as it reads a histogram's.
 *
 * <p>Meters are registered by name and tags, never with Micrometer's builders: WildFly 39 keeps a
 * builder-registered meter in the deployment's own registry, out of the scrape (WFLY-21339, fixed
 * in WildFly 40), and with it the builders' histogram option.
 */
@ApplicationScoped
public class CheckoutMeters {

    /** Upper bounds in seconds: around the payment's call, the goal of 175 ms, and the timeouts. */
    private static final List<Double> BUCKETS =
            List.of(0.025, 0.05, 0.1, 0.175, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

    @Inject MeterRegistry registry;

    private KnownMeters meters;

    /**
     * Every bucket and the accepted orders from the start, so that the scrape shows them at 0
     * before the first checkout.
     */
    @PostConstruct
    void registerBuckets() {
        meters = new KnownMeters(registry);
        BUCKETS.forEach(bound -> meters.counter("orderflow.checkout.within", "le", label(bound)));
        meters.counter("orderflow.checkout.within", "le", "+Inf");
        meters.counter("orderflow.orders.accepted");
    }

    /** A refusal the checkout may answer with, in the scrape at 0 until it first does. */
    public void refusable(String reason) {
        meters.counter("orderflow.orders.refused", "reason", reason);
    }

    public void answered(int status, String refusal, Duration took) {
        meters.timer("orderflow.checkout", "status", String.valueOf(status)).record(took);
        double seconds = took.toNanos() / 1e9;
        for (double bound : BUCKETS) {
            if (seconds <= bound) {
                meters.counter("orderflow.checkout.within", "le", label(bound)).increment();
            }
        }
        meters.counter("orderflow.checkout.within", "le", "+Inf").increment();
        if (refusal == null) {
            meters.counter("orderflow.orders.accepted").increment();
        } else {
            meters.counter("orderflow.orders.refused", "reason", refusal).increment();
        }
    }

    private static String label(double bound) {
        return String.valueOf(bound);
    }
}
