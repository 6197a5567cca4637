package io.orderflow.telemetry;

import java.time.Instant;

/** One measurement of one sensor. */
public record Reading(String sensorId, Instant timestamp, String metric, double value) {}
