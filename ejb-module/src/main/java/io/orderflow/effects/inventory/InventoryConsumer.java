package io.orderflow.effects.inventory;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectConsumer;
import io.orderflow.events.OrderEvent;
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
    protected Effect effect() {
        return Effect.INVENTORY;
    }

    @Override
    protected void apply(OrderEvent event) {
        allocations.apply(event);
    }

    @Override
    protected boolean failsForGood(Throwable failure) {
        return StockAllocations.unknownProduct(failure);
    }
}
