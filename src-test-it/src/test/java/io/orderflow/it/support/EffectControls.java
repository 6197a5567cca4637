package io.orderflow.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * An effect as operators see and steer it through a node's API (the entry point's unless a node's
 * base address is given): its status on {@code /ops/effects} (paused, waiting, the node's kill
 * switch), its line on {@code /ops/flow} (who paused it, when, why), pause and resume.
 */
public final class EffectControls {

    private EffectControls() {}

    /** The effect's status as the node answers it, its own kill switch included. */
    public static JsonObject status(String base, String effect) {
        return named(all(base), effect);
    }

    /** The keys of the effects whose queues the broker holds paused, as the node answers them. */
    public static List<String> paused(String base) {
        return all(base).stream()
                .filter(effect -> effect.getBoolean("paused"))
                .map(effect -> effect.getString("effect"))
                .toList();
    }

    private static List<JsonObject> all(String base) {
        Api.Reply reply = Api.getAt(base, "/ops/effects", Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return reply.jsonValue().asJsonArray().getValuesAs(JsonObject.class);
    }

    public static JsonObject status(String effect) {
        return status(Api.BASE, effect);
    }

    /** The effect as the operator's page shows it. */
    public static JsonObject flow(String effect) {
        Api.Reply reply = Api.get("/ops/flow", Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        return named(reply.json().getJsonArray("effects").getValuesAs(JsonObject.class), effect);
    }

    /** Pauses or resumes the effect through the node, as an operator; the answer must be 200. */
    public static void act(String base, String effect, String action) {
        Api.Reply reply =
                Api.postJsonAt(base, "/ops/effects/" + effect + "/" + action, "", Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
    }

    private static JsonObject named(List<JsonObject> effects, String effect) {
        return effects.stream()
                .filter(e -> e.getString("effect").equals(effect))
                .findFirst()
                .orElseThrow();
    }
}
