package io.orderflow.effects.warehouse;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectConsumer;
import io.orderflow.events.OrderEvent;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "WarehouseConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "warehouse"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.warehouse.max-session:4}")
        })
public class WarehouseConsumer extends EffectConsumer {

    @Inject FulfilmentRequests fulfilments;

    @Override
    protected Effect effect() {
        return Effect.WAREHOUSE;
    }

    @Override
    protected void apply(OrderEvent event) throws Exception {
        fulfilments.apply(event);
    }

    @Override
    protected boolean failsForGood(Throwable failure) {
        return FulfilmentRequests.refusedForGood(failure);
    }
}
