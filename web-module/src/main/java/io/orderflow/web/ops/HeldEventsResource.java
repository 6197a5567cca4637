package io.orderflow.web.ops;

import io.orderflow.InvalidRequest;
import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.sequencing.EffectState;
import io.orderflow.effects.sequencing.HeldEvents;
import io.orderflow.ops.HeldEventDesk;
import io.orderflow.ops.NotHeld;
import io.orderflow.ops.Roles;
import io.orderflow.ops.UnknownEffect;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Events held for a predecessor that was not applied. Staff read the list; letting one go needs the
 * role {@code ops} and a reason: release it (it goes ahead, its predecessor given up) or discard it
 * (the event after it goes ahead).
 */
@RequestScoped
@Tag(
        name = "held events",
        description = "Events held for a predecessor that was not applied (staff read, ops act)")
@Path("/ops/held-events")
@Produces(MediaType.APPLICATION_JSON)
public class HeldEventsResource {

    /**
     * @param predecessor the state of the event it waits for: {@code PENDING} while that one's
     *     delivery is due, however long
     */
    public record HeldView(
            String effect,
            String orderId,
            int sequence,
            String eventType,
            Instant heldAt,
            EffectState predecessor) {

        static HeldView of(HeldEvents.Held held) {
            return new HeldView(
                    held.effect().key(),
                    held.orderId().toString(),
                    held.sequence(),
                    held.eventType(),
                    held.heldAt(),
                    held.predecessor());
        }
    }

    /** The held event to let go, and why. */
    public record Choice(String effect, String orderId, Integer sequence, String reason) {}

    /** The event let go; one not held is a 404. */
    public record Done(String effect, String orderId, int sequence) {}

    @EJB HeldEventDesk desk;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @Refuses(ProblemType.INVALID_REQUEST)
    @GET
    @Operation(
            operationId = "listHeldEvents",
            summary = "List the held events with their predecessor's state")
    public List<HeldView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequest("limit", "must be between 1 and 1000");
        }
        return desk.list(limit).stream().map(HeldView::of).toList();
    }

    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.INVALID_REQUEST, ProblemType.MALFORMED_BODY, ProblemType.NOT_FOUND})
    @POST
    @Path("release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "releaseHeldEvent",
            summary = "Apply a held event now, giving up its predecessor")
    public Done release(Choice choice) {
        return letGo(choice, desk::release);
    }

    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.INVALID_REQUEST, ProblemType.MALFORMED_BODY, ProblemType.NOT_FOUND})
    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "discardHeldEvent",
            summary = "Give up a held event; the event after it goes ahead")
    public Done discard(Choice choice) {
        return letGo(choice, desk::discard);
    }

    /** The desk's release or discard. */
    @FunctionalInterface
    private interface Act {
        /**
         * @return false when the event is not held
         */
        boolean on(Effect effect, OrderId orderId, int sequence, String reason);
    }

    private static Done letGo(Choice choice, Act act) {
        Effect effect = checked(choice);
        if (!act.on(effect, orderIdOf(choice), choice.sequence(), choice.reason().strip())) {
            throw new NotHeld(effect.key(), choice.orderId(), choice.sequence());
        }
        return new Done(effect.key(), choice.orderId(), choice.sequence());
    }

    private static Effect checked(Choice choice) {
        if (choice == null || choice.effect() == null) {
            throw new InvalidRequest("effect", "is required");
        }
        orderIdOf(choice);
        if (choice.sequence() == null || choice.sequence() < 2) {
            throw new InvalidRequest("sequence", "must be the place of an event after the first");
        }
        Reasons.require(choice.reason(), "the event is let go");
        return Effect.ofKey(choice.effect()).orElseThrow(() -> new UnknownEffect(choice.effect()));
    }

    private static OrderId orderIdOf(Choice choice) {
        try {
            return OrderId.fromString(String.valueOf(choice.orderId()));
        } catch (IllegalArgumentException notAnId) {
            throw new InvalidRequest("orderId", "must be an order's id");
        }
    }
}
