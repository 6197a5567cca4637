package io.orderflow.web.ops;

import io.orderflow.OrderId;
import io.orderflow.checkout.Order;
import io.orderflow.checkout.OrderBook;
import io.orderflow.effects.failures.FailureLog;
import io.orderflow.effects.sequencing.EffectStatus;
import io.orderflow.effects.sequencing.EffectStatuses;
import io.orderflow.ops.Roles;
import io.orderflow.web.orders.OrderView;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An order with every effect's state and failures, for staff (role staff or ops). */
@RequestScoped
@Tag(name = "staff orders", description = "An order with every effect's state and failures (staff)")
@Path("/ops/orders")
@Produces(MediaType.APPLICATION_JSON)
public class StaffOrdersResource {

    @EJB OrderBook orderBook;

    @EJB EffectStatuses effects;

    @EJB FailureLog failureLog;

    /**
     * The order's journey: per effect and event, its state now and every failed attempt on the way,
     * the earliest first.
     */
    public record Journey(OrderView order, List<Step> events, List<AttemptView> attempts) {}

    /** Where one effect stands with one of the order's events; WAITING: for the event before it. */
    public record Step(
            String effect,
            int sequence,
            String eventType,
            String state,
            int attempts,
            Instant updatedAt,
            Instant completedAt) {

        static Step of(EffectStatus status) {
            return new Step(
                    status.effect().key(),
                    status.sequence(),
                    status.eventType(),
                    status.state().name(),
                    status.attempts(),
                    status.updatedAt(),
                    status.completedAt());
        }
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{id}/journey")
    @Operation(
            operationId = "getOrderJourney",
            summary = "Read an order's journey: every event of every effect")
    public Journey journey(@PathParam("id") OrderId id) {
        Order order = orderBook.get(id);
        List<EffectStatus> events = effects.of(order.id());
        return new Journey(
                OrderView.of(order, events),
                events.stream().map(Step::of).toList(),
                failureLog.attemptsOf(order.id()).stream().map(AttemptView::of).toList());
    }

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.NOT_FOUND)
    @GET
    @Path("{id}")
    @Operation(
            operationId = "getStaffOrder",
            summary = "Read an order with its effects' states and failures")
    public OrderView get(@PathParam("id") OrderId id) {
        Order order = orderBook.get(id);
        return OrderView.of(order, effects.of(order.id()));
    }
}
