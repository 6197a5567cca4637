package io.orderflow.checkout;

import io.orderflow.payment.PaymentAttempts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a checkout takes before it asks for the payment, in one short transaction: its
 * Idempotency-Key, the payment attempt written down under the key's payment key, and the stock. One
 * commit where there were three, on the path every customer waits for. They are taken in that
 * order, so the products' rows, which every checkout of a product queues for, are locked last and
 * for the shortest time. A refusal (the key used for another request, the stock short) rolls all of
 * it back: nothing is left taken to give back, and a key that was free stays free.
 */
@Stateless
public class Reservations {

    /**
     * What the checkout holds: a claimed key (null without an Idempotency-Key), the payment key to
     * ask the payment service with, and the stock hold; or, when the key is another request's
     * (running, or done), only the claim that says so.
     */
    public record Reservation(IdempotencyKeys.Claim claim, String paymentKey, UUID hold) {

        static Reservation refused(IdempotencyKeys.Claim claim) {
            return new Reservation(claim, null, null);
        }

        public boolean made() {
            return hold != null;
        }
    }

    @EJB IdempotencyKeys keys;

    @EJB PaymentAttempts attempts;

    @EJB StockHold stock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reservation reserve(
            IdempotencyKey key, String fingerprint, List<OrderLine> lines, String paymentToken) {
        IdempotencyKeys.Claim claim = null;
        String paymentKey = UUID.randomUUID().toString();
        if (key != null) {
            claim = keys.claim(key, fingerprint);
            if (!claim.owned()) {
                return Reservation.refused(claim);
            }
            paymentKey = claim.paymentKey();
        }
        BigDecimal total = OrderLine.totalOf(lines);
        if (!attempts.begin(paymentKey, paymentToken, total, Order.CURRENCY)) {
            // the claim's payment key is spent (its authorization voided); a random one never is
            claim = keys.renew(claim);
            paymentKey = claim.paymentKey();
            attempts.begin(paymentKey, paymentToken, total, Order.CURRENCY);
        }
        return new Reservation(claim, paymentKey, stock.hold(lines));
    }
}
