package io.orderflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * OrderFlow's meters, in a Prometheus registry of their own that lives and dies with the
 * deployment, read by Prometheus at {@code /api/metrics}. Not WildFly's registry: WildFly 39 drops
 * a meter registered with Micrometer's builders (WFLY-21339, fixed in WildFly 40), and with the
 * builders every description (Prometheus' HELP), every base unit and the histogram option; it also
 * keeps a deployment's meters after an undeploy. WildFly's own metrics stay at its management
 * interface's {@code /prometheus}.
 */
@ApplicationScoped
public class OrderFlowMetrics {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() {
        return registry;
    }

    /** Every family in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @PreDestroy
    void close() {
        registry.close();
    }
}
