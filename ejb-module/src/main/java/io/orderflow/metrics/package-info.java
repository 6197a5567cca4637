/**
 * The meters Prometheus reads at {@code /api/metrics}: checkouts, effects, dead letters, and the
 * families every series starts with at zero, each with its HELP text, in OrderFlow's own registry
 * ({@link io.orderflow.metrics.OrderFlowMetrics}).
 */
package io.orderflow.metrics;
