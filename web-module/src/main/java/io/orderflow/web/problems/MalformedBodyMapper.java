package io.orderflow.web.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A body that cannot be read as the JSON the resource expects. */
@Provider
@ApplicationScoped
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context UriInfo uri;

    @Override
    public Response toResponse(ProcessingException exception) {
        return malformed(uri);
    }

    static Response malformed(UriInfo uri) {
        return Problem.response(
                ProblemType.MALFORMED_BODY,
                "The body is not valid JSON of the expected shape.",
                uri.getRequestUri().getPath(),
                Map.of());
    }
}
