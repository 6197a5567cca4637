package io.orderflow.web.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.search.OrderSearch;
import io.orderflow.ops.EffectSwitch;
import io.orderflow.ops.UnknownEffect;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Switches for operators: pause and resume an effect, rebuild the search index. For the role {@code ops} only. */
@RequestScoped
@Path("/ops")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    public record EffectStatus(String effect, boolean paused) {
    }

    @Inject
    EffectSwitch effects;

    @EJB
    OrderSearch search;

    @GET
    @Path("effects")
    public List<EffectStatus> effects() {
        return Arrays.stream(Effect.values()).map(e -> new EffectStatus(e.key(), effects.isPaused(e))).toList();
    }

    /** Stops deliveries to the effect; its events wait in its queue until it is resumed. */
    @POST
    @Path("effects/{effect}/pause")
    public EffectStatus pause(@PathParam("effect") String key) {
        Effect effect = effect(key);
        effects.pause(effect);
        return new EffectStatus(effect.key(), effects.isPaused(effect));
    }

    @POST
    @Path("effects/{effect}/resume")
    public EffectStatus resume(@PathParam("effect") String key) {
        Effect effect = effect(key);
        effects.resume(effect);
        return new EffectStatus(effect.key(), effects.isPaused(effect));
    }

    /** Rebuilds the search index from the search effect's table, e.g. after the index directory was lost. */
    @POST
    @Path("search/rebuild")
    public Map<String, Long> rebuildSearchIndex() throws InterruptedException {
        return Map.of("indexed", search.rebuild());
    }

    private static Effect effect(String key) {
        return Effect.ofKey(key).orElseThrow(() -> new UnknownEffect(key));
    }
}
