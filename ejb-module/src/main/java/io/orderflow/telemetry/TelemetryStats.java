package io.orderflow.telemetry;

import io.orderflow.messaging.BrokerQueues;
import io.orderflow.messaging.JndiNames;
import io.orderflow.messaging.Queues;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.OptionalLong;

/**
 * How the firehose is doing: what came in, what was written, what waits, and how fast it drains.
 */
@Stateless
public class TelemetryStats {

    /** The window the drain rate is measured over. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static final String QUEUE = Queues.TELEMETRY_READINGS;

    /**
     * @param written readings in the batches written within the batch ids' retention window (a day
     *     by default), the rows that the writers' duplicate guard keeps
     */
    public record Snapshot(
            long acceptedSinceStart,
            long rejectedSinceStart,
            long written,
            long queuedBatches,
            double drainRatePerSecond,
            Long oldestUnwrittenAgeMillis) {}

    @PersistenceContext EntityManager em;

    @Inject TelemetryCounters counters;

    @Inject BrokerQueues queues;

    @Inject
    @JMSConnectionFactory(JndiNames.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = JndiNames.TELEMETRY_READINGS)
    Queue readings;

    public Snapshot snapshot() {
        Written written = written();
        return new Snapshot(
                counters.accepted(),
                counters.rejected(),
                written.readings(),
                queues.messageCount(QUEUE),
                (double) written.recentReadings() / WINDOW.toSeconds(),
                oldestUnwrittenAgeMillis());
    }

    /**
     * How long a refused client should wait: the time the writers need, at their pace over the last
     * seconds, to drain a tenth of the batches that wait (at least 1 s, at most 60 s; 10 s while
     * nothing drains or while the count is not known yet).
     */
    public int retryAfterSeconds() {
        double batchesPerSecond = (double) written().recentBatches() / WINDOW.toSeconds();
        OptionalLong waiting = queues.recentMessageCount(QUEUE, Duration.ofSeconds(1));
        if (batchesPerSecond == 0 || waiting.isEmpty()) {
            return 10;
        }
        return (int)
                Math.max(1, Math.min(60, Math.ceil(waiting.getAsLong() / 10.0 / batchesPerSecond)));
    }

    /** Readings written in all, and batches and readings written in the last {@link #WINDOW}. */
    private record Written(long readings, long recentBatches, long recentReadings) {}

    private Written written() {
        Object[] row =
                (Object[])
                        em.createNativeQuery(
                                        "select coalesce(sum(readings), 0), count(*) filter (where written_at >= ?1), "
                                                + "coalesce(sum(readings) filter (where written_at >= ?1), 0) from telemetry_batches")
                                .setParameter(1, Timestamp.from(Instant.now().minus(WINDOW)))
                                .getSingleResult();
        return new Written(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }

    private Long oldestUnwrittenAgeMillis() {
        try (QueueBrowser browser = jms.createBrowser(readings)) {
            Enumeration<?> head = browser.getEnumeration();
            if (!head.hasMoreElements()) {
                return null;
            }
            return System.currentTimeMillis() - ((Message) head.nextElement()).getJMSTimestamp();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not look at the head of " + QUEUE, e);
        }
    }
}
