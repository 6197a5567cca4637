package io.orderflow.effects.search;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectConsumer;
import io.orderflow.events.OrderEvent;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "SearchConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "search"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.search.max-session:4}")
        })
public class SearchConsumer extends EffectConsumer {

    @Inject OrderIndex index;

    @Override
    protected Effect effect() {
        return Effect.SEARCH;
    }

    @Override
    protected void apply(OrderEvent event) {
        index.apply(event);
    }
}
