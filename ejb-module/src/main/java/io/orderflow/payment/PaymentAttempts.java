package io.orderflow.payment;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockOptions;

/**
 * Makes sure no authorization is left standing without an order, and that a customer's retries make
 * one: every authorization is asked for under a payment key written down first; a retry asks again
 * under the same key; the order's transaction takes it over, a failed checkout voids it, and one
 * left behind by a checkout that never finished is found here, replayed with its key (the payment
 * service answers with the same authorization, or makes one if the first call never arrived) and
 * voided. A voided key stays spent.
 */
@Stateless
public class PaymentAttempts {

    private static final Logger LOG = Logger.getLogger(PaymentAttempts.class.getName());

    @PersistenceContext EntityManager em;

    @EJB PaymentVoids voids;

    @Inject PaymentGateway payments;

    @Inject
    @ConfigProperty(name = "orderflow.payment.abandoned-after-seconds", defaultValue = "60")
    long abandonedAfterSeconds;

    private final Clock clock = Clock.systemUTC();

    /**
     * Before the payment service is called, in the checkout's reservation, committed before the
     * call, so that the attempt outlives a crash. A key asked before and not voided is asked again
     * (a retry after a call that went unanswered: the payment service answers with the
     * authorization it made, if it made one), and is not abandoned for another while.
     *
     * @return false when the key is spent: its authorization was voided, so it needs a new key
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean begin(String paymentKey, String token, BigDecimal amount, String currency) {
        // waits for a sweep that is voiding the same attempt right now, then sees its mark
        return em.createNativeQuery(
                                "insert into payment_attempts (payment_key, token, amount, currency, started_at) "
                                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (payment_key) do update "
                                        + "set started_at = excluded.started_at where payment_attempts.voided_at is null")
                        .setParameter(1, paymentKey)
                        .setParameter(2, token)
                        .setParameter(3, amount)
                        .setParameter(4, currency)
                        .setParameter(5, Timestamp.from(clock.instant()))
                        .executeUpdate()
                == 1;
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
        markVoided(paymentKey);
    }

    /** Nothing was authorized (declined): nothing to void. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void declined(String paymentKey) {
        forget(paymentKey);
    }

    /** Attempts older than their checkout could be: the oldest hundred not yet voided. */
    public List<String> abandoned() {
        return em.createQuery(
                        "select a.paymentKey from PaymentAttempt a where a.startedAt < :before "
                                + "and a.voidedAt is null",
                        String.class)
                .setParameter("before", abandonedBefore())
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
                                "select a from PaymentAttempt a where a.paymentKey = :key "
                                        + "and a.voidedAt is null and a.startedAt < :before",
                                PaymentAttempt.class)
                        .setParameter("key", paymentKey)
                        // a retry under its key may have taken the attempt up since it was listed
                        .setParameter("before", abandonedBefore())
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
            attempt.voided(clock.instant());
            LOG.info(() -> "Voiding the authorization of abandoned payment attempt " + paymentKey);
        } catch (PaymentDeclined declined) {
            LOG.fine(
                    () ->
                            "Abandoned payment attempt "
                                    + paymentKey
                                    + " was declined: nothing to void");
            em.remove(attempt);
        }
    }

    private Instant abandonedBefore() {
        return clock.instant().minus(Duration.ofSeconds(abandonedAfterSeconds));
    }

    private void markVoided(String paymentKey) {
        em.createQuery("update PaymentAttempt a set a.voidedAt = :now where a.paymentKey = :key")
                .setParameter("now", clock.instant())
                .setParameter("key", paymentKey)
                .executeUpdate();
    }

    private void forget(String paymentKey) {
        em.createNativeQuery("delete from payment_attempts where payment_key = ?1")
                .setParameter(1, paymentKey)
                .executeUpdate();
    }
}
