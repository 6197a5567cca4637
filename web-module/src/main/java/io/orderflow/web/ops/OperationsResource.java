package io.orderflow.web.ops;

import io.orderflow.InvalidRequest;
import io.orderflow.effects.Effect;
import io.orderflow.effects.killswitch.KillSwitch;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.ops.EffectPauses;
import io.orderflow.ops.Roles;
import io.orderflow.ops.UnknownEffect;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Switches for operators: pause and resume an effect, switch its kill switch off and on. For the
 * role {@code ops} only; each switch takes a JSON body (an empty object will do) so that no form or
 * simple cross-site request can flip it.
 */
@RequestScoped
@Tag(
        name = "effects",
        description = "Each side effect's queue: pause, resume, kill switch (staff read, ops act)")
@Path("/ops")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    /**
     * @param waiting the events in the effect's queue, those delivered but not yet acknowledged and
     *     those waiting for a redelivery included
     * @param killSwitch what the effect's kill switch on this node is doing
     */
    public record EffectStatus(
            String effect, boolean paused, long waiting, KillSwitch.Status killSwitch) {}

    /** Whether the effect's kill switch may trip. */
    public record KillSwitchSetting(Boolean enabled) {}

    @Inject BrokerQueues queues;

    @EJB KillSwitch killSwitch;

    @EJB EffectPauses pauses;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @GET
    @Path("effects")
    @Operation(
            operationId = "listEffects",
            summary = "List the effects with their queues and kill switches")
    public List<EffectStatus> effects() {
        return Arrays.stream(Effect.values()).map(e -> status(e)).toList();
    }

    /**
     * Stops deliveries to the effect; its events wait in its queue until it is resumed. Takes the
     * queue from the effect's kill switch if it had paused it. 503 when the database or the broker
     * does not answer; asked again, it ends paused either way.
     */
    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.NOT_FOUND, ProblemType.SERVICE_UNAVAILABLE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("effects/{effect}/pause")
    @Operation(
            operationId = "pauseEffect",
            summary = "Pause an effect: its events wait in its queue")
    public EffectStatus pause(@PathParam("effect") String key) {
        Effect effect = effect(key);
        pauses.pause(effect);
        return status(effect);
    }

    /**
     * Resumes deliveries, whoever paused them: an operator or the effect's kill switch. 503 when
     * the database or the broker does not answer, the pause still recorded; asked again, it ends
     * resumed either way.
     */
    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.NOT_FOUND, ProblemType.SERVICE_UNAVAILABLE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("effects/{effect}/resume")
    @Operation(operationId = "resumeEffect", summary = "Resume an effect, whoever paused it")
    public EffectStatus resume(@PathParam("effect") String key) {
        Effect effect = effect(key);
        pauses.resume(effect);
        return status(effect);
    }

    /**
     * Switches the effect's kill switch off ({@code {"enabled":false}}: it never trips, and an open
     * one resumes the queue) or on again, on this node.
     */
    @RolesAllowed(Roles.OPS)
    @Refuses({ProblemType.MALFORMED_BODY, ProblemType.INVALID_REQUEST, ProblemType.NOT_FOUND})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("effects/{effect}/kill-switch")
    @Operation(
            operationId = "setKillSwitch",
            summary = "Switch an effect's kill switch off or on, on this node")
    public EffectStatus killSwitch(@PathParam("effect") String key, KillSwitchSetting setting) {
        Effect effect = effect(key);
        if (setting == null || setting.enabled() == null) {
            throw new InvalidRequest("enabled", "must be true or false");
        }
        killSwitch.enable(effect, setting.enabled());
        return status(effect);
    }

    private EffectStatus status(Effect effect) {
        return new EffectStatus(
                effect.key(),
                queues.isPaused(effect.queue()),
                queues.messageCount(effect.queue()),
                killSwitch.status(effect));
    }

    private static Effect effect(String key) {
        return Effect.ofKey(key).orElseThrow(() -> new UnknownEffect(key));
    }
}
