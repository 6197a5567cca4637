package io.orderflow.web.orders;

import io.orderflow.InvalidRequest;
import io.orderflow.checkout.CheckoutService;
import io.orderflow.checkout.Order;
import io.orderflow.checkout.OrderBook;
import io.orderflow.checkout.OrderRequest;
import io.orderflow.checkout.PlacedOrder;
import io.orderflow.effects.EffectLedger;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Orders. Placing one answers as soon as the payment is authorized and the order and its event are committed;
 * its side effects are then visible, effect by effect, on the order.
 */
@RequestScoped
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final String ASYNC = "async";
    private static final String SYNC = "sync";

    @EJB
    CheckoutService checkout;

    @EJB
    OrderBook orderBook;

    @EJB
    EffectLedger effects;

    @Context
    UriInfo uri;

    @Inject
    @ConfigProperty(name = "orderflow.checkout.sync-baseline", defaultValue = "false")
    boolean syncBaseline;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(OrderRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                          @QueryParam("mode") @DefaultValue(ASYNC) String mode) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new InvalidRequest(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        PlacedOrder placed = switch (mode) {
            case ASYNC -> checkout.placeOrder(request, idempotencyKey);
            // the baseline without a queue, kept to be measured against (README: "Measured"), off unless configured
            case SYNC -> {
                if (!syncBaseline) {
                    throw new InvalidRequest("mode", "sync is the benchmark's baseline without a queue, switched off on this "
                            + "server (orderflow.checkout.sync-baseline)");
                }
                yield checkout.placeOrderSynchronously(request);
            }
            default -> throw new InvalidRequest("mode", "must be async (the default) or sync");
        };
        Order order = placed.order();
        URI location = uri.getBaseUriBuilder().path(OrdersResource.class).path(order.id().toString()).build();
        Response.ResponseBuilder created = Response.created(location).entity(viewOf(order));
        if (placed.replayed()) {
            created.header(REPLAYED, "true");
        }
        return created.build();
    }

    /** The order's id is the customer's key to it: random and unguessable, given to the customer alone (the 201, the mails). */
    @GET
    @Path("{id}")
    public CustomerOrderView get(@PathParam("id") String id) {
        return viewOf(orderBook.get(OrderIds.parse(id)));
    }

    /** A JSON body (even an empty one): a browser's form or simple request cannot cancel on a customer's behalf. */
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomerOrderView cancel(@PathParam("id") String id) {
        return viewOf(orderBook.cancel(OrderIds.parse(id)));
    }

    private CustomerOrderView viewOf(Order order) {
        return CustomerOrderView.of(order, effects.of(order.id()));
    }
}
