package io.orderflow.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings accepted, refused and written by this server since it started (what was written in all
 * is counted in the database), also read by Prometheus as {@code
 * orderflow_telemetry_readings_accepted_total}, {@code _refused_total} and {@code _written_total}.
 */
@ApplicationScoped
public class TelemetryCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    /**
     * At deployment, so that the scrape shows them from the start. The meters read the counters
     * themselves, not this bean: the scrape runs where the application's beans cannot be called. By
     * name and tags, as {@link io.orderflow.metrics.CheckoutMeters} says why.
     */
    void registerMeters(
            @Observes @Initialized(ApplicationScoped.class) Object deployed,
            MeterRegistry registry) {
        registry.more()
                .counter(
                        "orderflow.telemetry.readings.accepted",
                        Tags.empty(),
                        accepted,
                        AtomicLong::get);
        registry.more()
                .counter(
                        "orderflow.telemetry.readings.refused",
                        Tags.empty(),
                        rejected,
                        AtomicLong::get);
        registry.more()
                .counter(
                        "orderflow.telemetry.readings.written",
                        Tags.empty(),
                        written,
                        AtomicLong::get);
    }

    void accepted(int readings) {
        accepted.addAndGet(readings);
    }

    public void rejected(int readings) {
        rejected.addAndGet(readings);
    }

    /** A batch whose commit then fails is counted again when the broker redelivers it. */
    void written(int readings) {
        written.addAndGet(readings);
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
