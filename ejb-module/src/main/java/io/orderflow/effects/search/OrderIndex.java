package io.orderflow.effects.search;

import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keeps the searchable copy of each order. It is a row in PostgreSQL, which every node shares, and
 * its full-text index is PostgreSQL's (schema.sql): the copy commits or rolls back with the
 * effect's inbox row, so no node can hold a document the others lack, and a crash can leave none
 * behind.
 */
@ApplicationScoped
public class OrderIndex implements EffectHandler {

    @PersistenceContext EntityManager em;

    @Override
    public Effect effect() {
        return Effect.SEARCH;
    }

    @Override
    public void apply(OrderEvent event) {
        UUID orderId = event.order().value();
        switch (event.type()) {
            case OrderPlaced ->
                    em.persist(
                            new SearchableOrder(
                                    orderId,
                                    event.customerEmail(),
                                    event.lines().stream()
                                            .map(OrderEvent.Line::sku)
                                            .collect(Collectors.joining(" ")),
                                    "PLACED",
                                    event.total(),
                                    event.occurredAt()));
            case OrderCancelled -> {
                SearchableOrder cancelled = em.find(SearchableOrder.class, orderId);
                // an order whose OrderPlaced was discarded from the desk was never indexed
                if (cancelled != null) {
                    cancelled.status("CANCELLED");
                }
            }
        }
    }
}
