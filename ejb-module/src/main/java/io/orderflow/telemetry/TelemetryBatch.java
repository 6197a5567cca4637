package io.orderflow.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * What travels on {@code telemetry.readings}: one accepted request, whole, as one message. The
 * batch id makes the writer idempotent: a redelivered batch adds nothing.
 */
public record TelemetryBatch(
        int schemaVersion, String batchId, Instant acceptedAt, List<Reading> readings) {

    public static final int SCHEMA_VERSION = 1;
}
