package io.orderflow.effects.email;

import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectConsumer;
import io.orderflow.events.OrderEvent;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

@MessageDriven(
        name = "EmailConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.EFFECTS + "email"),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "maxSession",
                    propertyValue = "${orderflow.effects.email.max-session:8}")
        })
public class EmailConsumer extends EffectConsumer {

    @Inject ConfirmationMailer mailer;

    @Override
    protected Effect effect() {
        return Effect.EMAIL;
    }

    @Override
    protected void apply(OrderEvent event) throws Exception {
        mailer.apply(event);
    }

    @Override
    protected boolean failsForGood(Throwable failure) {
        return ConfirmationMailer.undeliverable(failure);
    }
}
