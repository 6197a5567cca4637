package io.orderflow.web.products;

import io.orderflow.catalogue.Catalogue;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue, with stock on hand, stock reserved by placed orders and what is left to sell. */
@RequestScoped
@Tag(name = "products", description = "The catalogue and its stock")
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    public record ProductView(
            String sku, String name, BigDecimal price, int stock, int reserved, int available) {}

    @Inject Catalogue catalogue;

    @PermitAll
    @Refuses(ProblemType.SERVICE_UNAVAILABLE)
    @GET
    @Operation(operationId = "listProducts", summary = "List the products with their stock")
    public List<ProductView> list() {
        return catalogue.all().stream()
                .map(
                        p ->
                                new ProductView(
                                        p.sku(),
                                        p.name(),
                                        p.price(),
                                        p.stock(),
                                        p.reserved(),
                                        p.available()))
                .toList();
    }
}
