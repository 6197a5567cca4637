package io.orderflow.web.access;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/**
 * Lets a request through to its resource method only when its user holds one of the method's roles:
 * no user is 401 with a Basic challenge (the browser then sends the login it holds for the realm),
 * a user without the role is 403. An empty set of roles lets nobody through.
 */
final class RoleCheck implements ContainerRequestFilter {

    /**
     * The realm of web.xml's login-config: a browser that logged in to the operator's page answers
     * a challenge of the same realm without asking again.
     */
    static final String CHALLENGE = "Basic realm=\"OrderFlow staff\"";

    private final Set<String> roles;

    RoleCheck(Set<String> roles) {
        this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            throw new NotAuthorizedException(CHALLENGE);
        }
        if (roles.stream().noneMatch(security::isUserInRole)) {
            throw new ForbiddenException();
        }
    }
}
