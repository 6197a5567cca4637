package io.orderflow.effects.analytics;

import io.orderflow.effects.EffectConsumer;
import io.orderflow.effects.EffectHandler;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "AnalyticsConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "analytics"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.analytics.max-session:4}")
        })
public class AnalyticsConsumer extends EffectConsumer {

    @Inject SalesLedger sales;

    @Override
    protected EffectHandler handler() {
        return sales;
    }
}
