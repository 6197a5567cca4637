package io.orderflow.web.problems;

import io.orderflow.OrderId;
import io.orderflow.ServiceUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Anything else is an outage of a dependency (503 with Retry-After) or our fault: then the client
 * gets a 500 problem with an incident id and nothing of the cause; the cause goes to the log under
 * the same id.
 */
@Provider
@ApplicationScoped
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());
    private static final int RETRY_AFTER_SECONDS = 5;

    /** An order's id in an address, which the log shows redacted. */
    private static final Pattern ORDER_ID =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Context UriInfo uri;

    @Override
    public Response toResponse(Exception exception) {
        if (ServiceUnavailable.isOutage(exception)) {
            LOG.log(Level.WARNING, "Dependency outage on " + loggedPath() + ": " + exception);
            return Response.fromResponse(
                            Problem.response(
                                    ProblemType.SERVICE_UNAVAILABLE,
                                    "A service the shop depends on does not answer just now. Please retry.",
                                    uri.getRequestUri().getPath(),
                                    Map.of()))
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + loggedPath(), exception);
        return Problem.response(
                ProblemType.INTERNAL_ERROR,
                "Something went wrong on our side. Quote incident "
                        + incident
                        + " if you contact us.",
                uri.getRequestUri().getPath(),
                Map.of("incident", incident));
    }

    private String loggedPath() {
        return ORDER_ID.matcher(uri.getRequestUri().getPath())
                .replaceAll(id -> OrderId.redacted(id.group()));
    }
}
