package io.orderflow.web.search;

import io.orderflow.InvalidRequest;
import io.orderflow.effects.search.OrderSearch;
import io.orderflow.ops.Roles;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Orders found through the search index. The index is written by the search effect, so a new order
 * appears here shortly after it is placed, not at once.
 */
@RequestScoped
@Tag(name = "search", description = "Orders found through the search index (staff)")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    public record Hit(
            String orderId,
            String customerEmail,
            String skus,
            String status,
            BigDecimal total,
            Instant placedAt) {}

    public record Hits(String query, List<Hit> hits) {}

    @EJB OrderSearch search;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.INVALID_REQUEST)
    @GET
    @Path("search")
    @Operation(operationId = "searchOrders", summary = "Search orders by customer e-mail or SKU")
    public Hits find(
            @QueryParam("q") String query, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (query == null || query.isBlank() || query.length() > 200) {
            throw new InvalidRequest("q", "must be a search text of 1 to 200 characters");
        }
        if (limit < 1 || limit > OrderSearch.MAX_HITS) {
            throw new InvalidRequest("limit", "must be between 1 and " + OrderSearch.MAX_HITS);
        }
        return new Hits(
                query,
                search.find(query, limit).stream()
                        .map(
                                o ->
                                        new Hit(
                                                o.orderId().toString(),
                                                o.customerEmail(),
                                                o.skus(),
                                                o.status(),
                                                o.total(),
                                                o.placedAt()))
                        .toList());
    }
}
