/**
 * The meters Prometheus reads: checkouts, effects, dead letters, and the families every series
 * starts with at zero.
 */
package io.orderflow.metrics;
