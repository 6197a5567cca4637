package io.orderflow.web.ops;

import io.orderflow.ops.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who is calling and what they may do: the operator's page shows its buttons to those who may press
 * them. The server still checks every action.
 */
@RequestScoped
@Tag(name = "caller", description = "Who is calling (staff)")
@Path("/ops/me")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    /**
     * @param mayAct holds the role ops: retries, discards, pauses
     */
    public record Caller(String name, boolean mayAct) {}

    @Context SecurityContext security;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @GET
    @Operation(operationId = "getCaller", summary = "Read the caller's name and roles")
    public Caller me() {
        return new Caller(security.getUserPrincipal().getName(), security.isUserInRole(Roles.OPS));
    }
}
