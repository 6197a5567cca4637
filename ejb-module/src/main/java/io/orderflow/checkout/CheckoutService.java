package io.orderflow.checkout;

import io.orderflow.InvalidRequest;
import io.orderflow.catalogue.Catalogue;
import io.orderflow.catalogue.Product;
import io.orderflow.payment.PaymentAuthorization;
import io.orderflow.payment.PaymentGateway;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Places an order: validate, price against the catalogue, authorize the payment (the one call the customer waits
 * for), then record the order and its OrderPlaced event in one transaction. Every other effect of the order runs
 * later, from the queues. Runs outside a transaction itself so that a failed recording can void the authorization.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CheckoutService {

    private static final Logger LOG = Logger.getLogger(CheckoutService.class.getName());

    @Inject
    Validator validator;

    @Inject
    Catalogue catalogue;

    @Inject
    PaymentGateway payments;

    @EJB
    OrderBook orderBook;

    public PlacedOrder placeOrder(OrderRequest request, String idempotencyKey) {
        validate(request);
        String fingerprint = RequestFingerprint.of(request);
        Optional<PlacedOrder> earlier = orderBook.replay(idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<OrderLine> lines = price(request);
        PaymentAuthorization authorization = payments.authorize(request.paymentToken(), OrderLine.totalOf(lines), Order.CURRENCY);
        try {
            Order order = orderBook.record(request.customerEmail(), lines, authorization, idempotencyKey, fingerprint);
            return new PlacedOrder(order, false);
        } catch (RuntimeException failure) {
            payments.voidAuthorization(authorization);
            // A concurrent retry with the same key may have won the race for the key: then that order is the answer
            Optional<PlacedOrder> winner = orderBook.replay(idempotencyKey, fingerprint);
            if (winner.isPresent()) {
                return winner.get();
            }
            LOG.log(Level.WARNING, "Order could not be recorded after payment " + authorization.id() + " was authorized; voided it", failure);
            throw new CheckoutNotCompleted(failure);
        }
    }

    /**
     * The same checkout without a queue: the six effects run inline before the answer, in the order's transaction.
     * For the benchmark's comparison only; a failing effect fails the checkout, and the authorization is voided.
     */
    public PlacedOrder placeOrderSynchronously(OrderRequest request) {
        validate(request);
        List<OrderLine> lines = price(request);
        PaymentAuthorization authorization = payments.authorize(request.paymentToken(), OrderLine.totalOf(lines), Order.CURRENCY);
        try {
            return new PlacedOrder(orderBook.recordWithEffectsInline(request.customerEmail(), lines, authorization), false);
        } catch (RuntimeException failure) {
            payments.voidAuthorization(authorization);
            LOG.log(Level.WARNING, "Synchronous checkout failed in an effect; voided payment " + authorization.id(), failure);
            throw new CheckoutNotCompleted(failure);
        }
    }

    private void validate(OrderRequest request) {
        if (request == null) {
            throw new InvalidOrder(List.of(new InvalidRequest.FieldError("", "an order body is required")));
        }
        Set<ConstraintViolation<OrderRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidOrder(violations.stream()
                    .map(v -> new InvalidRequest.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(InvalidRequest.FieldError::field))
                    .toList());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).sku())) {
                throw new InvalidOrder(List.of(new InvalidRequest.FieldError("lines[" + i + "].sku",
                        "each SKU may appear in one line only")));
            }
        }
    }

    private List<OrderLine> price(OrderRequest request) {
        Map<String, Product> products = catalogue.bySku(request.lines().stream().map(OrderLineRequest::sku).toList());
        List<String> unknown = request.lines().stream()
                .map(OrderLineRequest::sku)
                .filter(sku -> !products.containsKey(sku))
                .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownProducts(unknown);
        }
        List<String> shortSkus = request.lines().stream()
                .filter(line -> products.get(line.sku()).available() < line.quantity())
                .map(OrderLineRequest::sku)
                .toList();
        if (!shortSkus.isEmpty()) {
            throw new InsufficientStock(shortSkus);
        }
        return request.lines().stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), products.get(line.sku()).price()))
                .toList();
    }
}
