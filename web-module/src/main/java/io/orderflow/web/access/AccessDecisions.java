package io.orderflow.web.access;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Who may call each resource method, decided on the method itself: {@link PermitAll} lets anyone
 * in, {@link RolesAllowed} the users holding one of its roles, and a method that says neither lets
 * nobody in. Deciding here rather than by {@code url-pattern}s in web.xml is what makes every
 * spelling of an address that Jakarta REST matches (a trailing slash, a matrix parameter, encoded
 * letters) answer the same: web.xml patterns match the address as written, Jakarta REST matches the
 * method. RESTEasy's own role checks ({@code resteasy.role.based.security}) stay on behind these,
 * but answer an anonymous caller 403 without a challenge and let an unannotated method through.
 */
@Provider
public class AccessDecisions implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        context.register(
                new RoleCheck(roles == null ? Set.of() : Set.of(roles.value())),
                Priorities.AUTHENTICATION);
    }
}
