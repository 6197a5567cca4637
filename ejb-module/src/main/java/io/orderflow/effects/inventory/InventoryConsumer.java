package io.orderflow.effects.inventory;

import io.orderflow.effects.EffectConsumer;
import io.orderflow.effects.EffectHandler;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "InventoryConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "inventory"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.inventory.max-session:4}")
        })
public class InventoryConsumer extends EffectConsumer {

    @Inject StockAllocations allocations;

    @Override
    protected EffectHandler handler() {
        return allocations;
    }
}
