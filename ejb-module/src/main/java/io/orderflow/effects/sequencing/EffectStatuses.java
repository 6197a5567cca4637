package io.orderflow.effects.sequencing;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import io.orderflow.effects.failures.FailureHistory;
import io.orderflow.effects.failures.FailureLog;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ledger as customers and staff see it: every effect of every event of an order, with its
 * failures summed up and whether it waits for the event before it.
 */
@Stateless
public class EffectStatuses {

    @PersistenceContext EntityManager em;

    @EJB FailureLog failureLog;

    /** In sequence, then by effect. */
    public List<EffectStatus> of(OrderId order) {
        UUID orderId = order.value();
        Map<EffectEvent.Key, EffectEvent> rows =
                em.createQuery(
                                "select e from EffectEvent e where e.orderId = :id order by e.sequence, e.effect",
                                EffectEvent.class)
                        .setParameter("id", orderId)
                        .getResultStream()
                        .collect(
                                Collectors.toMap(
                                        row -> keyOf(orderId, row.effect(), row.sequence()),
                                        Function.identity(),
                                        (first, second) -> first,
                                        LinkedHashMap::new));
        Map<EffectEvent.Key, FailureHistory> failures =
                failureLog.of(order).stream()
                        .collect(
                                Collectors.groupingBy(
                                        f -> keyOf(orderId, f.effect(), f.sequence())))
                        .entrySet()
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey, e -> FailureHistory.of(e.getValue())));
        return rows.entrySet().stream()
                .map(
                        entry -> {
                            EffectEvent row = entry.getValue();
                            EffectEvent predecessor =
                                    rows.get(keyOf(orderId, row.effect(), row.sequence() - 1));
                            return EffectStatus.of(
                                    row,
                                    failures.getOrDefault(entry.getKey(), new FailureHistory()),
                                    predecessor == null || predecessor.state().settled());
                        })
                .toList();
    }

    private static EffectEvent.Key keyOf(UUID orderId, Effect effect, int sequence) {
        return new EffectEvent.Key(orderId, effect, sequence);
    }
}
