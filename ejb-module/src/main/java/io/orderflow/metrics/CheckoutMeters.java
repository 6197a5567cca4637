package io.orderflow.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;

/**
 * What the checkout reports to Prometheus: orders accepted ({@code
 * orderflow_orders_accepted_total}), refused by the problem type the client got ({@code
 * orderflow_orders_refused_total{reason}}), and how long every answer took, by {@code status}: the
 * histogram {@code orderflow_checkout_seconds} ({@code _bucket{le}}, {@code _count}, {@code _sum})
 * and its maximum ({@code orderflow_checkout_seconds_max}).
 */
@ApplicationScoped
public class CheckoutMeters {

    private static final String ACCEPTED = "orderflow.orders.accepted";
    private static final String REFUSED = "orderflow.orders.refused";
    private static final String CHECKOUT = "orderflow.checkout";

    /** Upper bounds: around the payment's call, the goal of 175 ms, and the timeouts. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(175),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    @Inject OrderFlowMetrics metrics;

    private KnownMeters meters;

    /**
     * The accepted orders and the answers' histogram from the start, so that the scrape shows them
     * at 0 before the first checkout.
     */
    @PostConstruct
    void registerAtZero() {
        meters =
                new KnownMeters(
                        metrics.registry(),
                        Map.of(
                                ACCEPTED,
                                "Checkouts answered 201: orders accepted",
                                REFUSED,
                                "Checkouts refused, by the problem type the client got",
                                CHECKOUT,
                                "Time to answer POST /api/orders, the payment's call included,"
                                        + " by status"),
                        BUCKETS);
        meters.counter(ACCEPTED);
        meters.timer(CHECKOUT, "status", "201");
    }

    /** A refusal the checkout may answer with, in the scrape at 0 until it first does. */
    public void refusable(String reason) {
        meters.counter(REFUSED, "reason", reason);
    }

    public void answered(int status, String refusal, Duration took) {
        meters.timer(CHECKOUT, "status", String.valueOf(status)).record(took);
        if (refusal == null) {
            meters.counter(ACCEPTED).increment();
        } else {
            meters.counter(REFUSED, "reason", refusal).increment();
        }
    }
}
