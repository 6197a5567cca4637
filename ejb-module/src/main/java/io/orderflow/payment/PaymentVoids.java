package io.orderflow.payment;

import io.orderflow.messaging.Headers;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.spi.JsonProvider;

/**
 * Asks for an authorization to be voided, durably: a persistent message on {@code payment.voids},
 * which {@link PaymentVoidConsumer} keeps trying until the payment service confirms. In the
 * caller's transaction when there is one (a cancellation voids only if it commits), else in its own
 * (a checkout that failed after authorizing).
 */
@Stateless
public class PaymentVoids {

    /**
     * JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it
     * up once.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JndiNames.PAYMENT_VOIDS)
    Queue voids;

    public void request(PaymentAuthorization authorization, String why) {
        TextMessage message =
                jms.createTextMessage(
                        JSON.createObjectBuilder()
                                .add("authorizationId", authorization.id())
                                .add("reason", why)
                                .build()
                                .toString());
        try {
            // one void per authorization: the broker drops a second request for the same one
            message.setStringProperty(Headers.DUPLICATE_ID, "void:" + authorization.id());
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "Could not prepare the void of " + authorization.id(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(voids, message);
    }
}
