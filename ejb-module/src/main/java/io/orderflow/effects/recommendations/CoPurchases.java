package io.orderflow.effects.recommendations;

import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Records which SKUs are bought together, the raw material of "customers who bought this also
 * bought": one row per order and pair (in SKU order), counted when read, so that orders of the same
 * popular pair never wait for each other. A cancelled order still says what people want together,
 * so cancellations leave the rows as they are.
 */
@ApplicationScoped
public class CoPurchases implements EffectHandler {

    @PersistenceContext EntityManager em;

    @Override
    public Effect effect() {
        return Effect.RECOMMENDATIONS;
    }

    @Override
    public void apply(OrderEvent event) {
        if (event.type() != EventType.OrderPlaced) {
            return;
        }
        List<String> skus =
                event.lines().stream().map(OrderEvent.Line::sku).distinct().sorted().toList();
        for (int i = 0; i < skus.size(); i++) {
            for (int j = i + 1; j < skus.size(); j++) {
                em.createNativeQuery(
                                "insert into co_purchases_seen (event_id, sku_a, sku_b) values (?1, ?2, ?3)")
                        .setParameter(1, event.eventId())
                        .setParameter(2, skus.get(i))
                        .setParameter(3, skus.get(j))
                        .executeUpdate();
            }
        }
    }
}
