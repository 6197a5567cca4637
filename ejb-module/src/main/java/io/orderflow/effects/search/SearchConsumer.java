package io.orderflow.effects.search;

import io.orderflow.effects.consumer.EffectConsumer;
import io.orderflow.effects.consumer.EffectHandler;
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
            // no window: the broker hands this consumer one event at a time and leaves the rest
            // waiting, for a consumer that batches them (EffectConsumer)
            @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.search.max-session:4}")
        })
public class SearchConsumer extends EffectConsumer {

    @Inject OrderIndex index;

    @Override
    protected EffectHandler handler() {
        return index;
    }
}
