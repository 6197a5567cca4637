package io.orderflow.payment;

import io.orderflow.messaging.JndiNames;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * Voids authorizations until the payment service confirms: a failed call rolls back, and the broker
 * redelivers with the backoff of {@code payment.voids} (artemis-config), for hours, before a person
 * is asked to look (its dead-letter queue, on the desk). A void is idempotent at the payment
 * service, so a repeat does no harm.
 */
@MessageDriven(
        name = "PaymentVoidConsumer",
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = JndiNames.PAYMENT_VOIDS),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
        })
public class PaymentVoidConsumer implements MessageListener {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject PaymentGateway payments;

    @Override
    public void onMessage(Message message) {
        String authorizationId;
        try (var reader = JSON.createReader(new StringReader(((TextMessage) message).getText()))) {
            authorizationId = reader.readObject().getString("authorizationId");
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not read a void request; the broker will redeliver it", e);
        }
        payments.voidAuthorization(authorizationId);
    }
}
