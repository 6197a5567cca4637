package io.orderflow.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings accepted, refused and written by this server since it started (what was written in all
 * is counted in the database).
 */
@ApplicationScoped
public class TelemetryCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

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

    public long written() {
        return written.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
