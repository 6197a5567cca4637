package io.orderflow.bench.floor;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import javax.sql.DataSource;

/**
 * The floor of the other transaction design an effect could have: no XA. The claim commits on its
 * own (autocommit), then the resource adapter commits the message's local broker transaction
 * ({@code useLocalTx}); a crash between the two redelivers a message whose claim is already there,
 * and the inbox turns it away. Deployed by the benchmark only, to price what XA costs per effect.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = LocalFloorConsumer.JNDI_NAME),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
            @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true")
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LocalFloorConsumer implements MessageListener {

    public static final String QUEUE = "bench.floor.local";
    public static final String JNDI_NAME = "java:/jms/bench/floor-local";
    public static final String CONSUMER = "bench-floor-local";

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    @Override
    public void onMessage(Message message) {
        FloorClaim.claim(database, CONSUMER, message);
    }
}
