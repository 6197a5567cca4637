package io.orderflow.probes;

import java.util.Map;

/**
 * What one readiness check found: up or down, and the figures behind it (strings, numbers or
 * booleans), in the order they should be read.
 */
public record Probe(boolean up, Map<String, Object> data) {}
