package io.orderflow.bench.floor;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import javax.sql.DataSource;

/**
 * The least an effect can do on this stack: a message-driven bean that claims the inbox for its
 * message and commits, in the container's XA transaction over the broker and PostgreSQL, as every
 * effect does, with as many sessions as most effects. Deployed by the benchmark beside OrderFlow
 * (never part of it), so that the report can set an order's cost against this floor.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = FloorConsumer.JNDI_NAME),
            @ActivationConfigProperty(
                    propertyName = "destinationType",
                    propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
        })
public class FloorConsumer implements MessageListener {

    public static final String QUEUE = "bench.floor";
    public static final String JNDI_NAME = "java:/jms/bench/floor";
    public static final String CONSUMER = "bench-floor";

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    @Override
    public void onMessage(Message message) {
        FloorClaim.claim(database, CONSUMER, message);
    }
}
