package io.orderflow.web.metrics;

import io.orderflow.metrics.OrderFlowMetrics;
import io.orderflow.ops.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OrderFlow's metrics for Prometheus, to the role monitoring alone: the figures say how much
 * business flows and where it waits, which is nobody else's to read.
 */
@RequestScoped
@Tag(name = "metrics", description = "OrderFlow's metrics, for Prometheus (monitoring)")
@Path("/metrics")
public class MetricsResource {

    /** Prometheus' text exposition format. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject OrderFlowMetrics metrics;

    @RolesAllowed(Roles.MONITORING)
    @GET
    @Produces(TEXT_FORMAT)
    @Operation(
            operationId = "scrapeMetrics",
            summary = "Read every OrderFlow metric in Prometheus' text format")
    public String scrape() {
        return metrics.scrape();
    }
}
