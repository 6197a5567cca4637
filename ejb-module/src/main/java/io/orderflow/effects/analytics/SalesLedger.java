package io.orderflow.effects.analytics;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.ZoneOffset;
import java.util.Comparator;

/**
 * Revenue and units per day and SKU. A cancellation is booked as negative units and revenue on the
 * day it happens. Rows are added to with an upsert, so concurrent consumers never lose an
 * increment.
 */
@ApplicationScoped
public class SalesLedger {

    @PersistenceContext EntityManager em;

    public void apply(OrderEvent event) {
        int sign =
                switch (event.type()) {
                    case OrderPlaced -> 1;
                    case OrderCancelled -> -1;
                };
        Date day = Date.valueOf(event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate());
        event.lines().stream()
                .sorted(Comparator.comparing(OrderEvent.Line::sku))
                .forEach(
                        line ->
                                em.createNativeQuery(
                                                "insert into daily_sku_sales (day, sku, units, revenue) values (?1, ?2, ?3, ?4) "
                                                        + "on conflict (day, sku) do update set units = daily_sku_sales.units + excluded.units, "
                                                        + "revenue = daily_sku_sales.revenue + excluded.revenue")
                                        .setParameter(1, day)
                                        .setParameter(2, line.sku())
                                        .setParameter(3, (long) sign * line.quantity())
                                        .setParameter(
                                                4,
                                                line.unitPrice()
                                                        .multiply(
                                                                BigDecimal.valueOf(
                                                                        (long) sign
                                                                                * line.quantity())))
                                        .executeUpdate());
    }
}
