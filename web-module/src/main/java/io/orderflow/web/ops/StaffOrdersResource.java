package io.orderflow.web.ops;

import io.orderflow.OrderId;
import io.orderflow.checkout.Order;
import io.orderflow.checkout.OrderBook;
import io.orderflow.effects.EffectLedger;
import io.orderflow.web.orders.OrderView;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** An order with every effect's state and failures, for staff (web.xml: role staff or ops). */
@SecurityRequirement(name = "basic")
@RequestScoped
@Path("/ops/orders")
@Produces(MediaType.APPLICATION_JSON)
public class StaffOrdersResource {

    @EJB OrderBook orderBook;

    @EJB EffectLedger effects;

    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{id}")
    public OrderView get(@PathParam("id") OrderId id) {
        Order order = orderBook.get(id);
        return OrderView.of(order, effects.of(order.id()));
    }
}
