package io.orderflow.web.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the limit with 413 before anything reads them. A declared
 * Content-Length is checked up front; a chunked body is read up to one byte past the limit, never
 * further. Telemetry batches have a limit of their own.
 */
@Provider
@ApplicationScoped
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "orderflow.http.max-body-bytes", defaultValue = "65536")
    int maxBytes;

    @Inject
    @ConfigProperty(name = "orderflow.telemetry.max-body-bytes", defaultValue = "1048576")
    int maxTelemetryBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        boolean telemetry =
                request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("telemetry");
        int limit = telemetry ? maxTelemetryBytes : maxBytes;
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(request, limit));
            return;
        }
        if (request.getLength() < 0) {
            InputStream body = request.getEntityStream();
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                request.abortWith(tooLarge(request, limit));
                return;
            }
            request.setEntityStream(new ByteArrayInputStream(bytes));
        }
    }

    private static Response tooLarge(ContainerRequestContext request, int limit) {
        return Problem.response(
                ProblemType.BODY_TOO_LARGE,
                "The body is larger than " + limit + " bytes, the most this resource accepts.",
                request.getUriInfo().getRequestUri().getPath(),
                Map.of("maxBytes", limit));
    }
}
