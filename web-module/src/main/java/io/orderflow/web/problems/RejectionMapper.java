package io.orderflow.web.problems;

import io.orderflow.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns OrderFlow's refusals into problems with the status that says what the client can do about
 * them.
 */
@Provider
@ApplicationScoped
public class RejectionMapper implements ExceptionMapper<Rejection> {

    @Context UriInfo uri;

    @Override
    public Response toResponse(Rejection rejection) {
        Response problem = problem(ProblemType.of(rejection.kind()), rejection);
        if (problem.getStatus() == 503 || rejection.kind() == Rejection.Kind.REQUEST_IN_PROGRESS) {
            return Response.fromResponse(problem)
                    .header("Retry-After", rejection.retryAfterSeconds())
                    .build();
        }
        return problem;
    }

    private Response problem(ProblemType type, Rejection rejection) {
        return Problem.response(
                type, rejection.getMessage(), uri.getRequestUri().getPath(), rejection.details());
    }
}
