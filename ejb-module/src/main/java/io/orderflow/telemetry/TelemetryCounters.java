package io.orderflow.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings accepted and refused by this server since it started (what was written is counted in the
 * database).
 */
@ApplicationScoped
public class TelemetryCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    void accepted(int readings) {
        accepted.addAndGet(readings);
    }

    public void rejected(int readings) {
        rejected.addAndGet(readings);
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
