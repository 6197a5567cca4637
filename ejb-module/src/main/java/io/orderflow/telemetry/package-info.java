/**
 * Readings: parsed and checked, put on a bounded queue in one place ({@code TelemetryIngest}), a
 * full queue refused with a 503 and nothing half-sent, written in batches by the writers, and their
 * statistics.
 */
package io.orderflow.telemetry;
