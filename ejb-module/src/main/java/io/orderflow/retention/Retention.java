package io.orderflow.retention;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the duplicate guards and the audit from growing without bound: every sweep deletes what is
 * past its window ({@link Kept}), a thousand rows per transaction, until nothing is left to delete.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final int BATCH = 1000;

    @EJB RetentionBatch batch;

    @Resource TimerService timers;

    @Inject
    @ConfigProperty(name = "orderflow.retention.sweep-interval-seconds", defaultValue = "600")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                intervalSeconds * 1000,
                intervalSeconds * 1000,
                new TimerConfig("retention", false));
    }

    @Timeout
    void sweep() {
        Instant now = Instant.now();
        for (Kept kept : Kept.values()) {
            try {
                Instant before = now.minus(kept.window());
                long deleted = 0;
                int last;
                do {
                    last = batch.delete(kept, before, BATCH);
                    deleted += last;
                } while (last == BATCH);
                if (deleted > 0) {
                    LOG.info(
                            "Retention: deleted "
                                    + deleted
                                    + " rows of "
                                    + kept.table
                                    + " from before "
                                    + before);
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Retention: could not prune " + kept.table + "; the next sweep tries again",
                        e);
            }
        }
    }
}
