package io.orderflow.web.ops;

import io.orderflow.effects.Effect;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.ops.UnknownEffect;
import io.orderflow.web.problems.ProblemType;
import io.orderflow.web.problems.Refuses;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Switches for operators: pause and resume an effect. For the role {@code ops} only; each switch
 * takes a JSON body (an empty object will do) so that no form or simple cross-site request can flip
 * it.
 */
@SecurityRequirement(name = "basic")
@RequestScoped
@Path("/ops")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    /**
     * @param waiting the events in the effect's queue, those delivered but not yet acknowledged and
     *     those waiting for a redelivery included
     */
    public record EffectStatus(String effect, boolean paused, long waiting) {}

    @Inject BrokerQueues queues;

    @GET
    @Path("effects")
    public List<EffectStatus> effects() {
        return Arrays.stream(Effect.values()).map(e -> status(e)).toList();
    }

    /** Stops deliveries to the effect; its events wait in its queue until it is resumed. */
    @Refuses({ProblemType.MALFORMED_BODY, ProblemType.NOT_FOUND})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("effects/{effect}/pause")
    public EffectStatus pause(@PathParam("effect") String key) {
        Effect effect = effect(key);
        queues.pause(effect.queue());
        return status(effect);
    }

    @Refuses({ProblemType.MALFORMED_BODY, ProblemType.NOT_FOUND})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("effects/{effect}/resume")
    public EffectStatus resume(@PathParam("effect") String key) {
        Effect effect = effect(key);
        queues.resume(effect.queue());
        return status(effect);
    }

    private EffectStatus status(Effect effect) {
        return new EffectStatus(
                effect.key(), queues.isPaused(effect.queue()), queues.messageCount(effect.queue()));
    }

    private static Effect effect(String key) {
        return Effect.ofKey(key).orElseThrow(() -> new UnknownEffect(key));
    }
}
