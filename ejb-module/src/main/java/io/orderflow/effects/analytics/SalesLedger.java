package io.orderflow.effects.analytics;

import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.ZoneOffset;

/**
 * Revenue and units per day and SKU: one row per event and SKU, summed when read. A cancellation is
 * booked as negative units and revenue on the day it happens. Nothing is updated in place, so
 * consumers of orders for the same SKU never wait for each other.
 */
@ApplicationScoped
public class SalesLedger implements EffectHandler {

    @PersistenceContext EntityManager em;

    @Override
    public Effect effect() {
        return Effect.ANALYTICS;
    }

    @Override
    public void apply(OrderEvent event) {
        int sign =
                switch (event.type()) {
                    case OrderPlaced -> 1;
                    case OrderCancelled -> -1;
                };
        Date day = Date.valueOf(event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate());
        for (OrderEvent.Line line : event.lines()) {
            em.createNativeQuery(
                            "insert into sku_sales (event_id, sku, day, units, revenue) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, event.eventId())
                    .setParameter(2, line.sku())
                    .setParameter(3, day)
                    .setParameter(4, sign * line.quantity())
                    .setParameter(
                            5,
                            line.unitPrice()
                                    .multiply(BigDecimal.valueOf((long) sign * line.quantity())))
                    .executeUpdate();
        }
    }
}
