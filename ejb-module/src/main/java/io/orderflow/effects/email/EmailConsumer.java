package io.orderflow.effects.email;

import io.orderflow.Causes;
import io.orderflow.effects.Effect;
import io.orderflow.effects.EffectConsumer;
import io.orderflow.events.OrderEvent;
import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

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

    /**
     * An address that is not one, or one the mail server rejects for good (5xx) with no recipient
     * accepted.
     */
    @Override
    protected boolean failsForGood(Throwable failure) {
        return Causes.find(failure, AddressException.class).isPresent()
                || Causes.find(failure, SendFailedException.class)
                        .filter(EmailConsumer::rejectedForGood)
                        .isPresent();
    }

    private static boolean rejectedForGood(SendFailedException rejected) {
        return rejected.getInvalidAddresses() != null
                && rejected.getInvalidAddresses().length > 0
                && (rejected.getValidSentAddresses() == null
                        || rejected.getValidSentAddresses().length == 0);
    }
}
