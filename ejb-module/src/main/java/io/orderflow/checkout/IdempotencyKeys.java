package io.orderflow.checkout;

import io.orderflow.OrderId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims and gives back Idempotency-Keys. A claim is made in the checkout's reservation ({@link
 * Reservations}), committed before the payment service is called, so concurrent requests see it.
 */
@Stateless
public class IdempotencyKeys {

    /**
     * What a request with a key may do: run the checkout ({@code attempt} > 0), answer with the
     * order an earlier request made ({@code earlierOrder}), or wait, because another request with
     * the key is running.
     *
     * @param paymentKey the key the payment service is given: the same for every retry under the
     *     Idempotency-Key until its authorization is voided, and random, so that a key sent again
     *     after its window never meets a payment key of its earlier life
     */
    public record Claim(IdempotencyKey key, int attempt, String paymentKey, OrderId earlierOrder) {

        static Claim owned(IdempotencyKey key, IdempotencyRecord record) {
            return new Claim(key, record.attempt(), record.paymentKey(), null);
        }

        static Claim replay(IdempotencyKey key, OrderId order) {
            return new Claim(key, 0, null, order);
        }

        static Claim busy(IdempotencyKey key) {
            return new Claim(key, 0, null, null);
        }

        public boolean owned() {
            return attempt > 0;
        }

        public boolean busy() {
            return attempt == 0 && earlierOrder == null;
        }
    }

    /**
     * Longer than any checkout can take (payment timeout, database timeouts), so only an abandoned
     * claim outlives it.
     */
    private static final Duration LEASE = Duration.ofMinutes(2);

    @PersistenceContext EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Refuses a key used before with another request ({@link IdempotencyKeyReused}). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Claim claim(IdempotencyKey key, String fingerprint) {
        Instant now = clock.instant();
        // ON CONFLICT instead of catching a duplicate key: the insert either takes the key or
        // leaves it to its owner
        String paymentKey = UUID.randomUUID().toString();
        int inserted =
                em.createNativeQuery(
                                "insert into checkout_keys (idempotency_key, request_fingerprint, state, attempt, "
                                        + "payment_key, updated_at, version) values (?1, ?2, ?3, 1, ?5, ?4, 0) "
                                        + "on conflict (idempotency_key) do nothing")
                        .setParameter(1, key.value())
                        .setParameter(2, fingerprint)
                        .setParameter(3, IdempotencyRecord.State.IN_PROGRESS.name())
                        .setParameter(4, Timestamp.from(now))
                        .setParameter(5, paymentKey)
                        .executeUpdate();
        if (inserted == 1) {
            return new Claim(key, 1, paymentKey, null);
        }
        IdempotencyRecord record =
                em.find(IdempotencyRecord.class, key.value(), LockModeType.PESSIMISTIC_WRITE);
        if (!record.matches(fingerprint)) {
            throw new IdempotencyKeyReused();
        }
        return switch (record.state()) {
            case COMPLETED -> Claim.replay(key, record.orderId());
            case IN_PROGRESS -> {
                if (record.heldSince().isAfter(now.minus(LEASE))) {
                    yield Claim.busy(key);
                }
                // its checkout died with the server; whatever it authorized is voided
                // (PaymentAttempts), so a new attempt
                record.nextPaymentKey(now);
                yield Claim.owned(key, record);
            }
            case RELEASED -> {
                record.reclaim(now);
                yield Claim.owned(key, record);
            }
        };
    }

    /**
     * The claim's payment key is spent (its authorization voided): the same checkout goes on with
     * the next one.
     */
    public Claim renew(Claim claim) {
        IdempotencyRecord record = heldBy(claim).orElseThrow(IdempotencyKeys::noLongerHeld);
        record.nextPaymentKey(clock.instant());
        return Claim.owned(claim.key(), record);
    }

    /** The checkout with this claim failed: the next request with the key runs it again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(Claim claim, boolean paymentVoided) {
        heldBy(claim).ifPresent(record -> record.released(paymentVoided, clock.instant()));
    }

    /** In the transaction that records the order: the key now answers with it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void complete(Claim claim, OrderId orderId) {
        heldBy(claim)
                .orElseThrow(IdempotencyKeys::noLongerHeld)
                .completed(orderId, clock.instant());
    }

    /** The key's record, locked, while this claim still holds it. */
    private Optional<IdempotencyRecord> heldBy(Claim claim) {
        return Optional.ofNullable(
                        em.find(
                                IdempotencyRecord.class,
                                claim.key().value(),
                                LockModeType.PESSIMISTIC_WRITE))
                .filter(
                        record ->
                                record.state() == IdempotencyRecord.State.IN_PROGRESS
                                        && record.attempt() == claim.attempt());
    }

    private static IllegalStateException noLongerHeld() {
        return new IllegalStateException("The Idempotency-Key is no longer held by this checkout");
    }
}
