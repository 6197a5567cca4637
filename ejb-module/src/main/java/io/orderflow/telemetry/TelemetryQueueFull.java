package io.orderflow.telemetry;

import io.orderflow.Rejection;

/**
 * The telemetry queue is at its cap: nothing of the request was kept; come back when the writers
 * have drained some.
 */
public class TelemetryQueueFull extends Rejection {

    private final int retryAfterSeconds;

    TelemetryQueueFull(int retryAfterSeconds, Throwable cause) {
        super(
                Kind.QUEUE_FULL,
                "The telemetry queue is full; nothing of this batch was kept. Retry after "
                        + retryAfterSeconds
                        + " s.",
                cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
