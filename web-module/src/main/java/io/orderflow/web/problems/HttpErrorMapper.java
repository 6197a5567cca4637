package io.orderflow.web.problems;

import io.orderflow.Causes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * The errors Jakarta REST raises itself (no such resource, wrong method, a content type it cannot
 * read) and the access decisions' refusals as problems with their own status. A body that is not
 * JSON surfaces here as a 400.
 */
@Provider
@ApplicationScoped
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    static final String UNAUTHORIZED =
            "Customers' data and operations need the credentials of a staff user (role staff to read, ops to act).";

    static final String FORBIDDEN =
            "This user's role does not allow it: reading needs the role staff or ops, acting needs ops.";

    /** What a refusal carries over from the exception: the methods allowed, the challenge. */
    private static final List<String> KEPT_HEADERS = List.of("Allow", "WWW-Authenticate");

    @Context UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status == 400 && Causes.find(exception, ProcessingException.class).isPresent()) {
            return MalformedBodyMapper.malformed(uri);
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "HTTP " + status : reason.getReasonPhrase();
        Response problem =
                Problem.response(
                        status,
                        null,
                        title,
                        detailFor(status),
                        uri.getRequestUri().getPath(),
                        Map.of());
        Response.ResponseBuilder answer = Response.fromResponse(problem);
        for (String header : KEPT_HEADERS) {
            String value = exception.getResponse().getHeaderString(header);
            if (value != null) {
                answer.header(header, value);
            }
        }
        return answer.build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take that method.";
            case 406 -> "This resource answers in application/json only.";
            case 413 -> "The request body is larger than this API accepts.";
            case 415 -> "Send the body as application/json.";
            default -> null;
        };
    }
}
