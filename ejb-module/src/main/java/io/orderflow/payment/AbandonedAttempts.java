package io.orderflow.payment;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Voids, every half minute, what checkouts that never finished may have authorized ({@link
 * PaymentAttempts#settleAbandoned}). Every node runs it: each attempt is locked while it is
 * settled, and one another node holds is skipped.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AbandonedAttempts {

    private static final Logger LOG = Logger.getLogger(AbandonedAttempts.class.getName());

    @EJB PaymentAttempts attempts;

    @Resource TimerService timers;

    @Inject
    @ConfigProperty(name = "orderflow.payment.abandoned-sweep-seconds", defaultValue = "30")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                intervalSeconds * 1000,
                intervalSeconds * 1000,
                new TimerConfig("abandoned payment attempts", false));
    }

    @Timeout
    void voidAbandoned() {
        for (String paymentKey : attempts.abandoned()) {
            try {
                attempts.settleAbandoned(paymentKey);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Could not void abandoned payment attempt "
                                + paymentKey
                                + "; trying again later",
                        e);
            }
        }
    }
}
