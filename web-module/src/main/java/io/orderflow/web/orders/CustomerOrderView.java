package io.orderflow.web.orders;

import io.orderflow.checkout.Order;
import io.orderflow.effects.Effect;
import io.orderflow.effects.sequencing.EffectState;
import io.orderflow.effects.sequencing.EffectStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order as its customer sees it, by the order's id: its lines, its status and, per side effect,
 * where it stands in plain words. Never a failure's class or message, a downstream's answer, or
 * anything of another order: those are for staff ({@code /api/ops/orders/{id}}).
 *
 * @param progress per effect, with the order's latest event: {@code done}, {@code in progress},
 *     {@code delayed} (it failed for good and waits for a person) or {@code not needed} (a person
 *     decided so)
 */
public record CustomerOrderView(
        String id,
        String status,
        String customerEmail,
        String currency,
        BigDecimal total,
        Instant createdAt,
        Instant cancelledAt,
        List<OrderView.Line> lines,
        Map<String, String> progress) {

    static CustomerOrderView of(Order order, List<EffectStatus> effects) {
        Map<String, String> progress = new LinkedHashMap<>();
        OrderView.perEffectInSequence(effects)
                .forEach(
                        (effect, inSequence) ->
                                progress.put(
                                        effect.key(),
                                        words(inSequence.get(inSequence.size() - 1).state())));
        return of(order, progress);
    }

    private static CustomerOrderView of(Order order, Map<String, String> progress) {
        return new CustomerOrderView(
                order.id().toString(),
                order.status().name(),
                order.customerEmail(),
                order.currency(),
                order.total(),
                order.createdAt(),
                order.cancelledAt(),
                OrderView.linesOf(order),
                progress);
    }

    /** An order whose event every effect has just been given: each of them in progress. */
    static CustomerOrderView justQueued(Order order) {
        Map<String, String> progress = new LinkedHashMap<>();
        Arrays.stream(Effect.values())
                .forEach(effect -> progress.put(effect.key(), words(EffectState.PENDING)));
        return of(order, progress);
    }

    private static String words(EffectState state) {
        return switch (state) {
            case DONE -> "done";
            case PENDING, WAITING, RETRYING -> "in progress";
            case DEAD_LETTERED -> "delayed";
            case DISCARDED -> "not needed";
        };
    }
}
