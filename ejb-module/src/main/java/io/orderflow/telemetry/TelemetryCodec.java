package io.orderflow.telemetry;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The JSON form of a telemetry batch on the queue: one schema, versioned like the order events. */
public final class TelemetryCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private TelemetryCodec() {}

    public static String encode(TelemetryBatch batch) {
        return JSONB.toJson(batch);
    }

    public static TelemetryBatch decode(String json) {
        TelemetryBatch batch = JSONB.fromJson(json, TelemetryBatch.class);
        if (batch == null
                || batch.schemaVersion() != TelemetryBatch.SCHEMA_VERSION
                || batch.batchId() == null
                || batch.readings() == null) {
            throw new IllegalArgumentException(
                    "not a telemetry batch of schema version " + TelemetryBatch.SCHEMA_VERSION);
        }
        return batch;
    }
}
