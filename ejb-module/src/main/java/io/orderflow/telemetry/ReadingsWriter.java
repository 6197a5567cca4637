package io.orderflow.telemetry;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drains {@code telemetry.readings} into PostgreSQL at the database's own pace: a fixed number of sessions (the pool
 * that bounds the load on the database). Each transaction takes the delivered batch and up to
 * {@code orderflow.telemetry.batches-per-transaction} - 1 more that already wait in the queue, received in the same
 * transaction, so the two-phase commit is paid once for all of them (the benchmark measures what that saves). A
 * failure rolls every one of them back and the broker redelivers with backoff; the batch ids make redeliveries
 * harmless.
 */
@MessageDriven(name = "ReadingsWriter", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/orderflow/telemetry/readings"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${orderflow.telemetry.writers:4}"),
        // no prefetch: batches buffered in the other sessions' consumers could not be taken into this transaction
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")})
public class ReadingsWriter implements MessageListener {

    static final String BATCHES_PER_TRANSACTION = "orderflow.telemetry.batches-per-transaction";
    private static final int DEFAULT_BATCHES_PER_TRANSACTION = 4;

    @Inject
    ReadingsStore store;

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory factory;

    @Resource(lookup = "java:/jms/orderflow/telemetry/readings")
    Queue readings;

    @Override
    public void onMessage(Message message) {
        try {
            List<TelemetryBatch> batches = new ArrayList<>(List.of(decode(message)));
            takeWaiting(batches, batchesPerTransaction());
            store.write(batches);
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException("Could not write telemetry batches; the broker will redeliver them", e);
        }
    }

    /**
     * Adds batches that wait in the queue now, without waiting for more. Received through JmsXA inside the container's
     * transaction: they are acknowledged when it commits and go back to the queue if it rolls back, as the delivered
     * one does, even though the context is closed before that.
     */
    private void takeWaiting(List<TelemetryBatch> batches, int most) throws JMSException {
        if (batches.size() >= most) {
            return;
        }
        try (JMSContext jms = factory.createContext(); JMSConsumer waiting = jms.createConsumer(readings)) {
            Message next;
            while (batches.size() < most && (next = waiting.receiveNoWait()) != null) {
                batches.add(decode(next));
            }
        }
    }

    /** Read on every delivery, so that a changed system property takes effect without a redeploy. */
    private static int batchesPerTransaction() {
        return ConfigProvider.getConfig().getOptionalValue(BATCHES_PER_TRANSACTION, Integer.class).orElse(DEFAULT_BATCHES_PER_TRANSACTION);
    }

    private static TelemetryBatch decode(Message message) throws JMSException {
        return TelemetryCodec.decode(((TextMessage) message).getText());
    }
}
