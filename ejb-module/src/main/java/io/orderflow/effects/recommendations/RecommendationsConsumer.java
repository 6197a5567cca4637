package io.orderflow.effects.recommendations;

import io.orderflow.effects.EffectConsumer;
import io.orderflow.effects.EffectHandler;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "RecommendationsConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "recommendations"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.recommendations.max-session:4}")
        })
public class RecommendationsConsumer extends EffectConsumer {

    @Inject CoPurchases coPurchases;

    @Override
    protected EffectHandler handler() {
        return coPurchases;
    }
}
