/**
 * The metrics' resource ({@code /api/metrics}): it maps a scrape to {@code io.orderflow.metrics},
 * which keeps the meters.
 */
package io.orderflow.web.metrics;
