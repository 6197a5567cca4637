package io.orderflow.web.problems;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the limit with 413 before anything reads them. A declared Content-Length is checked
 * up front; a chunked body is read up to one byte past the limit, never further.
 */
@Provider
@ApplicationScoped
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "orderflow.http.max-body-bytes", defaultValue = "65536")
    int maxBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        if (request.getLength() > maxBytes) {
            request.abortWith(tooLarge(request));
            return;
        }
        if (request.getLength() < 0) {
            InputStream body = request.getEntityStream();
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                request.abortWith(tooLarge(request));
                return;
            }
            request.setEntityStream(new ByteArrayInputStream(bytes));
        }
    }

    private Response tooLarge(ContainerRequestContext request) {
        return Problem.response(413, "body-too-large", "Request body too large",
                "The body is larger than " + maxBytes + " bytes, the most this API accepts.",
                request.getUriInfo().getRequestUri().getPath(), Map.of("maxBytes", maxBytes));
    }
}
