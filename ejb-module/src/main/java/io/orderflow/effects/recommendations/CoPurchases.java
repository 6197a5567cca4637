package io.orderflow.effects.recommendations;

import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Counts how often two SKUs are bought together, the raw material of "customers who bought this
 * also bought". Each pair is stored once, in SKU order. A cancelled order still says what people
 * want together, so cancellations leave the counts as they are.
 */
@ApplicationScoped
public class CoPurchases {

    @PersistenceContext EntityManager em;

    public void apply(OrderEvent event) {
        if (event.type() != EventType.OrderPlaced) {
            return;
        }
        List<String> skus =
                event.lines().stream().map(OrderEvent.Line::sku).distinct().sorted().toList();
        for (int i = 0; i < skus.size(); i++) {
            for (int j = i + 1; j < skus.size(); j++) {
                em.createNativeQuery(
                                "insert into co_purchases (sku_a, sku_b, times) values (?1, ?2, 1) "
                                        + "on conflict (sku_a, sku_b) do update set times = co_purchases.times + 1")
                        .setParameter(1, skus.get(i))
                        .setParameter(2, skus.get(j))
                        .executeUpdate();
            }
        }
    }
}
