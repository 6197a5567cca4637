package io.orderflow.web.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * A POST must say what its body is (415 otherwise), even when it has none. RESTEasy matches a
 * request without a Content-Type to any {@code @Consumes}; a browser sends exactly that,
 * credentials included, for a bodiless POST that another site's page makes. Every state-changing
 * operation here consumes JSON, which a browser sends cross-site only after a preflight that this
 * API never grants.
 */
@Provider
@ApplicationScoped
@PreMatching
public class ContentTypeRequired implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod())
                && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            throw new NotSupportedException();
        }
    }
}
