package io.orderflow.telemetry;

import io.orderflow.Causes;
import io.orderflow.messaging.Headers;
import io.orderflow.messaging.JndiNames;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a batch of readings: one persistent message on the bounded {@code telemetry.readings}
 * queue, sent and confirmed by the broker before the client hears 202. Outside any transaction, so
 * that a full queue refuses the send at once (address-full-policy FAIL) and the client hears 503
 * with a Retry-After instead.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TelemetryIngest {

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JndiNames.TELEMETRY_READINGS)
    Queue readings;

    @EJB TelemetryStats stats;

    @Inject TelemetryCounters counters;

    /**
     * @param batchId the client's own id for the batch, so that its retry writes nothing twice (the
     *     broker drops the repeat while it remembers the id, the writer skips a batch it wrote);
     *     null for one made up here
     */
    public TelemetryBatch accept(List<Reading> batch, UUID batchId) {
        TelemetryBatch accepted =
                new TelemetryBatch(
                        TelemetryBatch.SCHEMA_VERSION,
                        (batchId == null ? UUID.randomUUID() : batchId).toString(),
                        Instant.now(),
                        batch);
        try {
            TextMessage message = jms.createTextMessage(TelemetryCodec.encode(accepted));
            message.setStringProperty(Headers.DUPLICATE_ID, accepted.batchId());
            String sensor = batch.get(0).sensorId();
            if (batch.stream().allMatch(reading -> reading.sensorId().equals(sensor))) {
                // one sensor's batches are written in the order they came; a mixed batch has no
                // order to keep
                message.setStringProperty(Headers.GROUP_ID, sensor);
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(readings, message);
        } catch (JMSRuntimeException | JMSException refused) {
            counters.rejected(batch.size());
            if (addressFull(refused)) {
                throw new TelemetryQueueFull(stats.retryAfterSeconds(), refused);
            }
            throw new IllegalStateException("The broker refused a telemetry batch", refused);
        }
        counters.accepted(batch.size());
        return accepted;
    }

    /**
     * Artemis reports a full address with its own exception type, which the application does not
     * link against.
     */
    private static boolean addressFull(Throwable failure) {
        return Causes.any(
                failure,
                t ->
                        t.getClass().getSimpleName().equals("ActiveMQAddressFullException")
                                || (t.getMessage() != null
                                        && t.getMessage().contains("AMQ229102")));
    }
}
