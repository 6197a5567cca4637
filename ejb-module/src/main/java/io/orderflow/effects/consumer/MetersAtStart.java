package io.orderflow.effects.consumer;

import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.metrics.EffectMeters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * At deployment, every effect's and every dead-letter source's series enter the scrape at zero:
 * counted only from their first event, failures and dead letters would have no series until
 * something went wrong.
 */
@ApplicationScoped
class MetersAtStart {

    void register(
            @Observes @Initialized(ApplicationScoped.class) Object deployed, EffectMeters meters) {
        for (Effect effect : Effect.values()) {
            meters.known(effect.key());
        }
        for (DeadLetterSource source : DeadLetterSource.all()) {
            meters.knownSource(source.name());
        }
    }
}
