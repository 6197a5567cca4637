package io.orderflow.effects.warehouse;

import io.orderflow.effects.consumer.EffectConsumer;
import io.orderflow.effects.consumer.EffectHandler;
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
            // no window: the broker hands this consumer one event at a time and leaves the rest
            // waiting, for a consumer that batches them (EffectConsumer)
            @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.warehouse.max-session:4}")
        })
public class WarehouseConsumer extends EffectConsumer {

    @Inject FulfilmentRequests fulfilments;

    @Override
    protected EffectHandler handler() {
        return fulfilments;
    }
}
