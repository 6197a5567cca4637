package io.orderflow.web.orders;

import io.orderflow.checkout.Order;
import io.orderflow.effects.Failure;
import io.orderflow.effects.FailureHistory;
import io.orderflow.effects.OrderEffect;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An order as the API shows it: its lines and, per side effect, how far it got. */
public record OrderView(
        String id,
        String status,
        String customerEmail,
        String currency,
        BigDecimal total,
        Instant createdAt,
        Instant cancelledAt,
        List<Line> lines,
        Map<String, EffectView> effects) {

    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    /**
     * @param event the event this state is about (the order's latest: OrderPlaced, or OrderCancelled once cancelled)
     * @param attempts deliveries so far; a retried effect shows its last failure until it succeeds
     * @param lastError the last failure in one line; {@code failure} has it in full
     */
    public record EffectView(String state, String event, int attempts, String lastError, FailureView failure,
                             Instant updatedAt, Instant completedAt) {
    }

    /**
     * @param permanent a failure no retry can fix: the message went to the dead-letter queue at once
     * @param fingerprint the same for every failure with this cause, as grouped on the dead-letter desk
     */
    public record FailureView(String exceptionClass, String message, String fingerprint, boolean permanent,
                              Instant firstFailedAt, Instant lastFailedAt) {
    }

    private static EffectView viewOf(OrderEffect effect) {
        FailureHistory failures = effect.failures();
        Failure failure = failures.last();
        FailureView failureView = failure == null ? null : new FailureView(failure.exceptionClass(), failure.message(),
                failure.fingerprint(), failures.permanent(), failures.firstFailedAt(), failures.lastFailedAt());
        return new EffectView(effect.state().name(), effect.eventType(), effect.attempts(),
                failure == null ? null : failure.summary(), failureView, effect.updatedAt(), effect.completedAt());
    }

    static OrderView of(Order order, List<OrderEffect> effects) {
        Map<String, EffectView> byEffect = new LinkedHashMap<>();
        effects.stream()
                .sorted(Comparator.comparing(OrderEffect::effect))
                .forEach(e -> byEffect.put(e.effect().key(), viewOf(e)));
        return new OrderView(order.id().toString(), order.status().name(), order.customerEmail(), order.currency(),
                order.total(), order.createdAt(), order.cancelledAt(),
                order.lines().stream()
                        .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.lineTotal()))
                        .toList(),
                byEffect);
    }

}
