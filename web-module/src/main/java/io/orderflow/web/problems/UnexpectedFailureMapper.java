package io.orderflow.web.problems;

import jakarta.ws.rs.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is our fault: the client gets a 500 problem with an incident id and nothing of the cause; the cause
 * goes to the log under the same id.
 */
@Provider
@ApplicationScoped
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Exception exception) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + uri.getRequestUri().getPath(), exception);
        return Problem.response(500, "internal-error", "Internal error",
                "Something went wrong on our side. Quote incident " + incident + " if you contact us.",
                uri.getRequestUri().getPath(), Map.of("incident", incident));
    }
}
