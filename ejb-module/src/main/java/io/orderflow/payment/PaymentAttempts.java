package io.orderflow.payment;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockOptions;

/**
 * Makes sure no authorization is left standing without an order: every authorization is asked for
 * under a payment key written down first; the order's transaction takes it over, a failed checkout
 * voids it, and one left behind by a checkout that never finished is found here, replayed with its
 * key (the payment service answers with the same authorization, or makes one if the first call
 * never arrived) and voided.
 */
@Stateless
public class PaymentAttempts {

    private static final Logger LOG = Logger.getLogger(PaymentAttempts.class.getName());

    @PersistenceContext EntityManager em;

    @Resource SessionContext self;

    @EJB PaymentVoids voids;

    @Inject PaymentGateway payments;

    @Inject
    @ConfigProperty(name = "orderflow.payment.abandoned-after-seconds", defaultValue = "60")
    long abandonedAfterSeconds;

    private final Clock clock = Clock.systemUTC();

    /**
     * Before the payment service is called, in a transaction of its own, so that the attempt
     * outlives a crash.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void begin(String paymentKey, String token, BigDecimal amount, String currency) {
        em.persist(new PaymentAttempt(paymentKey, token, amount, currency, clock.instant()));
    }

    /** In the transaction that records the order: the order owns the authorization now. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void ownedByOrder(String paymentKey) {
        forget(paymentKey);
    }

    /**
     * The checkout failed after the authorization: the void is queued and the attempt closed,
     * together.
     */
    public void abandon(String paymentKey, PaymentAuthorization authorization, String why) {
        voids.request(authorization, why);
        forget(paymentKey);
    }

    /** Nothing was authorized (declined): nothing to void. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void declined(String paymentKey) {
        forget(paymentKey);
    }

    /**
     * Voids what checkouts that never finished may have authorized. Every node may run it: each
     * attempt is locked.
     */
    @Schedule(
            hour = "*",
            minute = "*",
            second = "*/30",
            persistent = false,
            info = "abandoned payment attempts")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void voidAbandoned() {
        for (String paymentKey : abandoned()) {
            try {
                self.getBusinessObject(PaymentAttempts.class).settleAbandoned(paymentKey);
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

    private List<String> abandoned() {
        return em.createQuery(
                        "select a.paymentKey from PaymentAttempt a where a.startedAt < :before",
                        String.class)
                .setParameter(
                        "before", clock.instant().minus(Duration.ofSeconds(abandonedAfterSeconds)))
                .setMaxResults(100)
                .getResultList();
    }

    /**
     * Replays the attempt and voids what it gives back, in one transaction with the attempt locked.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void settleAbandoned(String paymentKey) {
        List<PaymentAttempt> locked =
                em.createQuery(
                                "select a from PaymentAttempt a where a.paymentKey = :key",
                                PaymentAttempt.class)
                        .setParameter("key", paymentKey)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        // skip an attempt another node is settling right now
                        .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                        .getResultList();
        if (locked.isEmpty()) {
            return;
        }
        PaymentAttempt attempt = locked.get(0);
        try {
            voids.request(
                    payments.authorize(
                            attempt.token(), attempt.amount(), attempt.currency(), paymentKey),
                    "checkout abandoned");
            LOG.info(() -> "Voiding the authorization of abandoned payment attempt " + paymentKey);
        } catch (PaymentDeclined declined) {
            LOG.fine(
                    () ->
                            "Abandoned payment attempt "
                                    + paymentKey
                                    + " was declined: nothing to void");
        }
        em.remove(attempt);
    }

    private void forget(String paymentKey) {
        em.createQuery("delete from PaymentAttempt a where a.paymentKey = :key")
                .setParameter("key", paymentKey)
                .executeUpdate();
    }
}
