package io.orderflow.web.orders;

import io.orderflow.InvalidRequest;
import io.orderflow.OrderId;
import io.orderflow.checkout.CheckoutMode;
import io.orderflow.checkout.CheckoutService;
import io.orderflow.checkout.CheckoutStillRunning;
import io.orderflow.checkout.IdempotencyKey;
import io.orderflow.checkout.Order;
import io.orderflow.checkout.OrderBook;
import io.orderflow.checkout.OrderRequest;
import io.orderflow.checkout.PlacedOrder;
import io.orderflow.effects.sequencing.EffectStatuses;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Orders. Placing one answers as soon as the payment is authorized and the order and its event are
 * committed; its side effects are then visible, effect by effect, on the order.
 */
@RequestScoped
@Tag(name = "orders", description = "A customer's order: place it, read it, cancel it")
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    static final String REPLAYED = "Idempotent-Replayed";
    private static final String ASYNC = "async";
    private static final String SYNC = "sync";

    @EJB CheckoutService checkout;

    @EJB OrderBook orderBook;

    @EJB EffectStatuses effects;

    @Context UriInfo uri;

    @Inject
    @ConfigProperty(name = "orderflow.checkout.sync-baseline", defaultValue = "false")
    boolean syncBaseline;

    /**
     * How long a customer waits for a checkout's answer at most. A broker failing over can hold a
     * checkout's calls well past their own timeouts (seen: 30 s, one call after the other); the
     * customer is answered 503 by then, and the checkout goes on.
     */
    @Inject
    @ConfigProperty(name = "orderflow.checkout.answer-within-seconds", defaultValue = "20")
    int answerWithinSeconds;

    /**
     * Checkouts run on threads of their own (configure-server.cli), so that the request's thread is
     * free to answer at the deadline.
     */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/orderflow-checkouts")
    ManagedExecutorService checkouts;

    @APIResponse(
            responseCode = "201",
            description = "Accepted: the order, its Location, and each effect's state",
            content = @Content(schema = @Schema(implementation = CustomerOrderView.class)))
    @Refuses({
        ProblemType.INVALID_ORDER,
        ProblemType.INVALID_REQUEST,
        ProblemType.MALFORMED_BODY,
        ProblemType.PAYMENT_DECLINED,
        ProblemType.INSUFFICIENT_STOCK,
        ProblemType.REQUEST_IN_PROGRESS,
        ProblemType.BODY_TOO_LARGE,
        ProblemType.UNKNOWN_PRODUCT,
        ProblemType.IDEMPOTENCY_KEY_REUSED,
        ProblemType.PAYMENT_UNAVAILABLE,
        ProblemType.CHECKOUT_NOT_COMPLETED,
        ProblemType.SERVICE_UNAVAILABLE
    })
    @PermitAll
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "placeOrder", summary = "Place an order")
    public void place(
            OrderRequest request,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @QueryParam("mode") @DefaultValue(ASYNC) String mode,
            @Suspended AsyncResponse answer) {
        try {
            CheckoutMode checkoutMode = modeOf(mode);
            IdempotencyKey key = IdempotencyKey.ofHeader(idempotencyKey);
            UriBuilder orders = uri.getBaseUriBuilder().path(OrdersResource.class);
            answer.setTimeoutHandler(
                    late -> late.resume(new CheckoutStillRunning(answerWithinSeconds)));
            answer.setTimeout(answerWithinSeconds, TimeUnit.SECONDS);
            checkouts.execute(
                    () -> {
                        // answered at its deadline before it started (a queue of checkouts behind
                        // stalled ones): nothing was done, and nothing is
                        if (answer.isDone()) {
                            return;
                        }
                        try {
                            answer.resume(placed(request, key, checkoutMode, orders));
                        } catch (RuntimeException refused) {
                            answer.resume(refused);
                        }
                    });
        } catch (RuntimeException refused) {
            answer.resume(refused);
        }
    }

    /** The checkout's 201: the order, where it lives, and whether it was placed before. */
    private Response placed(
            OrderRequest request, IdempotencyKey key, CheckoutMode mode, UriBuilder orders) {
        PlacedOrder placed = checkout.placeOrder(request, key, mode);
        Order order = placed.order();
        // a new order's effects have all just been queued: nothing to read back, and no read
        // that could fail after the order was taken
        CustomerOrderView view =
                placed.replayed() || mode == CheckoutMode.SYNC
                        ? viewOf(order)
                        : CustomerOrderView.justQueued(order);
        Response.ResponseBuilder created =
                Response.created(orders.path(order.id().toString()).build()).entity(view);
        if (placed.replayed()) {
            created.header(REPLAYED, "true");
        }
        return created.build();
    }

    /**
     * The order's id is the customer's key to it: random and unguessable, given to the customer
     * alone (the 201, the mails).
     */
    @PermitAll
    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{id}")
    @Operation(operationId = "getOrder", summary = "Read an order as its customer does")
    public CustomerOrderView get(@PathParam("id") OrderId id) {
        return viewOf(orderBook.get(id));
    }

    /**
     * A JSON body (even an empty one): a browser's form or simple request cannot cancel on a
     * customer's behalf.
     */
    @Refuses({
        ProblemType.MALFORMED_BODY,
        ProblemType.NOT_FOUND,
        ProblemType.CONFLICT,
        ProblemType.SERVICE_UNAVAILABLE
    })
    @PermitAll
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelOrder", summary = "Cancel an order")
    public CustomerOrderView cancel(@PathParam("id") OrderId id) {
        return viewOf(orderBook.cancel(id));
    }

    /**
     * The baseline without a queue is kept to be measured against (README: "Measured"), off unless
     * configured.
     */
    private CheckoutMode modeOf(String mode) {
        return switch (mode) {
            case ASYNC -> CheckoutMode.ASYNC;
            case SYNC -> {
                if (!syncBaseline) {
                    throw new InvalidRequest(
                            "mode",
                            "sync is the benchmark's baseline without a queue, switched off on this "
                                    + "server (orderflow.checkout.sync-baseline)");
                }
                yield CheckoutMode.SYNC;
            }
            default -> throw new InvalidRequest("mode", "must be async (the default) or sync");
        };
    }

    private CustomerOrderView viewOf(Order order) {
        return CustomerOrderView.of(order, effects.of(order.id()));
    }
}
