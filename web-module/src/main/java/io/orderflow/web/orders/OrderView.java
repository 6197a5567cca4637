package io.orderflow.web.orders;

import io.orderflow.checkout.Order;
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
     * @param attempts deliveries so far; a retried effect shows the last error until it succeeds
     */
    public record EffectView(String state, String event, int attempts, String lastError, Instant updatedAt,
                             Instant completedAt) {
    }

    static OrderView of(Order order, List<OrderEffect> effects) {
        Map<String, EffectView> byEffect = new LinkedHashMap<>();
        effects.stream()
                .sorted(Comparator.comparing(OrderEffect::effect))
                .forEach(e -> byEffect.put(e.effect().key(), new EffectView(e.state().name(), e.eventType(),
                        e.attempts(), e.lastError(), e.updatedAt(), e.completedAt())));
        return new OrderView(order.id().toString(), order.status().name(), order.customerEmail(), order.currency(),
                order.total(), order.createdAt(), order.cancelledAt(),
                order.lines().stream()
                        .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.lineTotal()))
                        .toList(),
                byEffect);
    }

}
