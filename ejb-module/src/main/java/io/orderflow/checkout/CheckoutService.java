package io.orderflow.checkout;

import io.orderflow.Causes;
import io.orderflow.InvalidRequest;
import io.orderflow.OrderId;
import io.orderflow.ServiceUnavailable;
import io.orderflow.catalogue.Catalogue;
import io.orderflow.payment.PaymentAttempts;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.payment.PaymentDeclined;
import io.orderflow.payment.PaymentGateway;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.HeuristicCommitException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Places an order: validate, price against the catalogue, take the Idempotency-Key, write the
 * payment attempt down and hold the stock (one short transaction, {@link Reservations}), authorize
 * the payment (the one call the customer waits for), then record the order, take its stock hold
 * over and publish its OrderPlaced event in one transaction. Every other effect of the order runs
 * later, from the queues (or, for the synchronous baseline kept to be measured against, before the
 * answer: {@link CheckoutMode}). Runs outside a transaction itself, so that a failed recording can
 * void the authorization and give the stock and the Idempotency-Key back, durably.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class.getName());

    /**
     * How long a request waits for another one with the same Idempotency-Key before it is told to
     * come back.
     */
    private static final Duration WAIT_FOR_SAME_KEY = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 50;

    @Inject Validator validator;

    @Inject Catalogue catalogue;

    @Inject PaymentGateway payments;

    @EJB PaymentAttempts attempts;

    @EJB OrderBook orderBook;

    @EJB IdempotencyKeys keys;

    @EJB Reservations reservations;

    @EJB StockHold stock;

    public PlacedOrder placeOrder(
            OrderRequest request, IdempotencyKey idempotencyKey, CheckoutMode mode) {
        validate(request);
        List<OrderLine> lines;
        Reservations.Reservation reservation;
        try {
            lines = price(request);
            reservation = reserve(request, idempotencyKey, lines);
        } catch (RuntimeException refused) {
            throw unavailableIfOutage(refused);
        }
        if (!reservation.made()) {
            OrderId earlier = reservation.claim().earlierOrder();
            return orderBook
                    .find(earlier)
                    .map(order -> new PlacedOrder(order, true))
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "Idempotency-Key "
                                                    + idempotencyKey
                                                    + " names no order"));
        }
        return new PlacedOrder(checkout(request, lines, reservation, mode), false);
    }

    private Order checkout(
            OrderRequest request,
            List<OrderLine> lines,
            Reservations.Reservation reservation,
            CheckoutMode mode) {
        PaymentAuthorization authorization;
        try {
            authorization =
                    authorize(
                            request,
                            OrderLine.totalOf(lines),
                            reservation.claim(),
                            reservation.paymentKey());
        } catch (RuntimeException notAuthorized) {
            if (!ServiceUnavailable.isOutage(notAuthorized)) {
                releaseHold(reservation.hold());
            }
            throw notAuthorized;
        }
        return record(
                request,
                lines,
                reservation.hold(),
                authorization,
                reservation.paymentKey(),
                reservation.claim(),
                mode);
    }

    private Order record(
            OrderRequest request,
            List<OrderLine> lines,
            UUID hold,
            PaymentAuthorization authorization,
            String paymentKey,
            IdempotencyKeys.Claim claim,
            CheckoutMode mode) {
        try {
            return orderBook.record(
                    request.customerEmail(), lines, hold, authorization, paymentKey, claim, mode);
        } catch (RuntimeException failure) {
            if (outcomeUnknown(failure)) {
                // the transaction may yet commit (recovery decides): the attempt and the hold stay
                // locked by it until then, and are voided and given back only if it did not
                release(claim, true);
                throw new CheckoutNotCompleted(failure);
            }
            giveBack(claim, hold, voidAfterFailure(paymentKey, authorization, failure));
            LOG.log(
                    Level.WARNING,
                    "Order could not be recorded after payment " + authorization.id(),
                    failure);
            throw new CheckoutNotCompleted(failure);
        }
    }

    /**
     * After an unanswered call the payment key stays the claim's: the customer's retry asks the
     * payment service again under it and gets the authorization this call may have made, never a
     * second one. Nobody retrying, the attempt is voided after a while.
     */
    private PaymentAuthorization authorize(
            OrderRequest request,
            BigDecimal total,
            IdempotencyKeys.Claim claim,
            String paymentKey) {
        try {
            return payments.authorize(request.paymentToken(), total, Order.CURRENCY, paymentKey);
        } catch (PaymentDeclined declined) {
            attempts.declined(paymentKey);
            release(claim, false);
            throw declined;
        } catch (RuntimeException unanswered) {
            release(claim, false);
            throw unanswered;
        }
    }

    /**
     * A commit that failed half-way: some resources may have committed, and the transaction manager
     * finishes it.
     */
    private static boolean outcomeUnknown(Throwable failure) {
        return Causes.any(
                failure,
                t -> t instanceof HeuristicMixedException || t instanceof HeuristicCommitException);
    }

    /** How the void of an authorization whose order could not be recorded went. */
    private enum Abandonment {
        VOID_QUEUED,
        /**
         * The broker did not take it; the attempt stays open under the claim's payment key, which a
         * retry asks again (the payment service answers with the same authorization) and which,
         * nobody retrying, {@link PaymentAttempts} voids.
         */
        ATTEMPT_LEFT_OPEN,
        DATABASE_DOWN
    }

    /**
     * Gives the stock and the key back after a failed recording. Each step waits out a stalled
     * database's timeouts: after the first that did, the rest are left to lapse on their own, so
     * the customer's answer comes in bounded time. A broker that did not answer leaves the database
     * to do both: the retry need not wait out the key's lease.
     */
    private void giveBack(IdempotencyKeys.Claim claim, UUID hold, Abandonment voided) {
        if (voided != Abandonment.DATABASE_DOWN && releaseHold(hold)) {
            release(claim, voided == Abandonment.VOID_QUEUED);
        }
    }

    /**
     * Queues the void, unless the broker is what failed the recording: asked again at once it would
     * keep the customer waiting out its timeouts a second time (30 s and more during a failover),
     * for a void the open attempt gets anyway.
     */
    private Abandonment voidAfterFailure(
            String paymentKey, PaymentAuthorization authorization, RuntimeException failure) {
        if (ServiceUnavailable.isBrokerOutage(failure)) {
            return Abandonment.ATTEMPT_LEFT_OPEN;
        }
        try {
            attempts.abandon(paymentKey, authorization, "checkout failed");
            return Abandonment.VOID_QUEUED;
        } catch (RuntimeException voidNotQueued) {
            LOG.log(
                    Level.WARNING,
                    "Could not queue the void of "
                            + authorization.id()
                            + "; the attempt stays open, for a retry or a later void",
                    voidNotQueued);
            if (ServiceUnavailable.isBrokerOutage(voidNotQueued)
                    || !ServiceUnavailable.isOutage(voidNotQueued)) {
                return Abandonment.ATTEMPT_LEFT_OPEN;
            }
            return Abandonment.DATABASE_DOWN;
        }
    }

    /**
     * Gives the stock back; when the database is what failed, the hold lapses on its own.
     *
     * @return false when the database did not answer
     */
    private boolean releaseHold(UUID hold) {
        try {
            stock.release(hold);
            return true;
        } catch (RuntimeException notReleased) {
            LOG.log(
                    Level.WARNING,
                    "Could not give a stock hold back; it lapses on its own",
                    notReleased);
            return !ServiceUnavailable.isOutage(notReleased);
        }
    }

    /**
     * Gives the key back; when the database is what failed, the claim lapses on its own
     * (IdempotencyKeys' lease).
     */
    private void release(IdempotencyKeys.Claim claim, boolean paymentVoided) {
        if (claim == null) {
            return;
        }
        try {
            keys.release(claim, paymentVoided);
        } catch (RuntimeException databaseDown) {
            LOG.log(
                    Level.WARNING,
                    "Could not give Idempotency-Key " + claim.key() + " back; it lapses on its own",
                    databaseDown);
        }
    }

    private static RuntimeException unavailableIfOutage(RuntimeException failure) {
        return ServiceUnavailable.isOutage(failure) ? new ServiceUnavailable(failure) : failure;
    }

    /**
     * Takes the key, the payment attempt and the stock together ({@link Reservations}); or, while
     * another request holds the key, waits a while for it.
     */
    private Reservations.Reservation reserve(
            OrderRequest request, IdempotencyKey idempotencyKey, List<OrderLine> lines) {
        String fingerprint = idempotencyKey == null ? null : RequestFingerprint.of(request);
        Instant deadline = Instant.now().plus(WAIT_FOR_SAME_KEY);
        Reservations.Reservation reservation =
                reservations.reserve(idempotencyKey, fingerprint, lines, request.paymentToken());
        while (reservation.claim() != null && reservation.claim().busy()) {
            if (Instant.now().isAfter(deadline)) {
                throw new RequestInProgress();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RequestInProgress();
            }
            reservation =
                    reservations.reserve(
                            idempotencyKey, fingerprint, lines, request.paymentToken());
        }
        return reservation;
    }

    private void validate(OrderRequest request) {
        if (request == null) {
            throw new InvalidOrder(
                    List.of(new InvalidRequest.FieldError("", "an order body is required")));
        }
        Set<ConstraintViolation<OrderRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidOrder(
                    violations.stream()
                            .map(
                                    v ->
                                            new InvalidRequest.FieldError(
                                                    v.getPropertyPath().toString(), v.getMessage()))
                            .sorted(Comparator.comparing(InvalidRequest.FieldError::field))
                            .toList());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).sku())) {
                throw new InvalidOrder(
                        List.of(
                                new InvalidRequest.FieldError(
                                        "lines[" + i + "].sku",
                                        "each SKU may appear in one line only")));
            }
        }
    }

    private List<OrderLine> price(OrderRequest request) {
        Map<String, BigDecimal> prices =
                catalogue.prices(request.lines().stream().map(OrderLineRequest::sku).toList());
        List<String> unknown =
                request.lines().stream()
                        .map(OrderLineRequest::sku)
                        .filter(sku -> !prices.containsKey(sku))
                        .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownProducts(unknown);
        }
        return request.lines().stream()
                .map(line -> new OrderLine(line.sku(), line.units(), prices.get(line.sku())))
                .toList();
    }
}
