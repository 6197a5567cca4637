package io.orderflow.telemetry;

import io.micrometer.core.instrument.FunctionCounter;
import io.orderflow.metrics.OrderFlowMetrics;
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
     * themselves, not this bean, which a scrape need not wake.
     */
    void registerMeters(
            @Observes @Initialized(ApplicationScoped.class) Object deployed,
            OrderFlowMetrics metrics) {
        register(
                metrics,
                "orderflow.telemetry.readings.accepted",
                "Readings this server accepted",
                accepted);
        register(
                metrics,
                "orderflow.telemetry.readings.refused",
                "Readings this server refused: the queue was full",
                rejected);
        register(
                metrics,
                "orderflow.telemetry.readings.written",
                "Readings this server wrote to the database",
                written);
    }

    private static void register(
            OrderFlowMetrics metrics, String name, String help, AtomicLong count) {
        FunctionCounter.builder(name, count, AtomicLong::get)
                .description(help)
                .register(metrics.registry());
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
