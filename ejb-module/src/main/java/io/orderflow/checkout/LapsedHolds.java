package io.orderflow.checkout;

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
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives back the stock that checkouts held and never turned into an order: the server died between
 * the hold and the order's transaction, or the checkout's own release failed. A hold lapses after
 * longer than any checkout can take (the payment's timeout, the database's); every node sweeps, and
 * a hold another node or an in-doubt order transaction has locked is skipped.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LapsedHolds {

    private static final Logger LOG = Logger.getLogger(LapsedHolds.class.getName());

    @EJB StockHold stock;

    @Resource TimerService timers;

    @Inject
    @ConfigProperty(name = "orderflow.checkout.hold-lapses-after-seconds", defaultValue = "60")
    long lapsesAfterSeconds;

    @Inject
    @ConfigProperty(name = "orderflow.checkout.hold-sweep-seconds", defaultValue = "30")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                intervalSeconds * 1000,
                intervalSeconds * 1000,
                new TimerConfig("lapsed holds", false));
    }

    @Timeout
    void releaseLapsed() {
        try {
            int released =
                    stock.releaseLapsed(
                            Instant.now().minus(Duration.ofSeconds(lapsesAfterSeconds)));
            if (released > 0) {
                LOG.info(() -> "Gave back the lapsed stock holds of " + released + " products");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give back lapsed stock holds; trying again later", e);
        }
    }
}
