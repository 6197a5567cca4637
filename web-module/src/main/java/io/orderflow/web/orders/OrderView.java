package io.orderflow.web.orders;

import io.orderflow.checkout.Order;
import io.orderflow.effects.Effect;
import io.orderflow.effects.failures.Failure;
import io.orderflow.effects.failures.FailureHistory;
import io.orderflow.effects.sequencing.EffectState;
import io.orderflow.effects.sequencing.EffectStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An order as staff see it: its lines and, per side effect, how far it got, with every failure.
 * Customers see {@link CustomerOrderView}.
 */
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

    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

    /**
     * @param event the event this state is about: the order's latest (OrderPlaced, or
     *     OrderCancelled once cancelled)
     * @param sequence the event's place in the order's life
     * @param attempts deliveries so far; a retried effect shows its last failure until it succeeds
     * @param lastError the last failure in one line; {@code failure} has it in full
     * @param waitingFor when the state is WAITING: the earlier event this one waits for, and where
     *     it stands
     */
    public record EffectView(
            String state,
            String event,
            int sequence,
            int attempts,
            String lastError,
            FailureView failure,
            Instant updatedAt,
            Instant completedAt,
            EffectView waitingFor) {}

    /**
     * @param permanent a failure no retry can fix: the message went to the dead-letter queue at
     *     once
     * @param fingerprint the same for every failure with this cause, as grouped on the dead-letter
     *     desk
     */
    public record FailureView(
            String exceptionClass,
            String message,
            String fingerprint,
            boolean permanent,
            Instant firstFailedAt,
            Instant lastFailedAt) {}

    private static EffectView viewOf(EffectStatus status, EffectView waitingFor) {
        FailureHistory failures = status.failures();
        Failure failure = failures.last();
        FailureView failureView =
                failure == null
                        ? null
                        : new FailureView(
                                failure.exceptionClass(),
                                failure.message(),
                                failure.fingerprint(),
                                failures.permanent(),
                                failures.firstFailedAt(),
                                failures.lastFailedAt());
        return new EffectView(
                status.state().name(),
                status.eventType(),
                status.sequence(),
                status.attempts(),
                failure == null ? null : failure.summary(),
                failureView,
                status.updatedAt(),
                status.completedAt(),
                waitingFor);
    }

    /**
     * Per effect, its state with the order's latest event, and the earlier event it waits for, if
     * it does.
     */
    public static OrderView of(Order order, List<EffectStatus> effects) {
        Map<String, EffectView> byEffect = new LinkedHashMap<>();
        perEffectInSequence(effects)
                .forEach(
                        (effect, inSequence) -> {
                            EffectStatus latest = inSequence.get(inSequence.size() - 1);
                            EffectView waitingFor =
                                    latest.state() == EffectState.WAITING && inSequence.size() > 1
                                            ? viewOf(inSequence.get(inSequence.size() - 2), null)
                                            : null;
                            byEffect.put(effect.key(), viewOf(latest, waitingFor));
                        });
        return new OrderView(
                order.id().toString(),
                order.status().name(),
                order.customerEmail(),
                order.currency(),
                order.total(),
                order.createdAt(),
                order.cancelledAt(),
                linesOf(order),
                byEffect);
    }

    /**
     * Each effect, in the effects' order, with its states of the order's events, the latest last.
     */
    static Map<Effect, List<EffectStatus>> perEffectInSequence(List<EffectStatus> effects) {
        return effects.stream()
                .sorted(Comparator.comparingInt(EffectStatus::sequence))
                .collect(
                        Collectors.groupingBy(
                                EffectStatus::effect, TreeMap::new, Collectors.toList()));
    }

    static List<Line> linesOf(Order order) {
        return order.lines().stream()
                .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.lineTotal()))
                .toList();
    }
}
