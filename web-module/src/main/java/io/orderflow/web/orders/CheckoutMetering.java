package io.orderflow.web.orders;

import io.orderflow.metrics.CheckoutMeters;
import io.orderflow.web.problems.Problem;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Times every answer to a checkout and counts it accepted or refused, by the problem type the
 * client got: a filter around the resource method sees the answers its exception mappers write too
 * (an unreadable body, a refusal, a failure), which a counter inside the method would miss.
 */
@Provider
@ApplicationScoped
public class CheckoutMetering implements DynamicFeature {

    private static final String STARTED = CheckoutMetering.class.getName() + ".started";

    @Inject CheckoutMeters meters;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass() == OrdersResource.class
                && resource.getResourceMethod().getName().equals("place")) {
            context.register(new Timing());
            // the refusals the checkout says it answers with, counted at 0 from the start: an
            // alert or a dashboard on them has a series before the first one
            for (ProblemType refusal :
                    resource.getResourceMethod().getAnnotation(Refuses.class).value()) {
                meters.refusable(refusal.slug());
            }
        }
    }

    private final class Timing implements ContainerRequestFilter, ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            request.setProperty(STARTED, System.nanoTime());
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response)
                throws IOException {
            if (!(request.getProperty(STARTED) instanceof Long started)) {
                return;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            int status = response.getStatus();
            meters.answered(status, status == 201 ? null : refusal(response), took);
        }
    }

    /**
     * The problem type's last part ({@code insufficient-stock}), or the status for another body.
     */
    private static String refusal(ContainerResponseContext response) {
        if (response.getEntity() instanceof Map<?, ?> problem
                && problem.get("type") instanceof String type
                && type.startsWith(Problem.TYPE_PREFIX)) {
            return type.substring(Problem.TYPE_PREFIX.length());
        }
        return "status-" + response.getStatus();
    }
}
