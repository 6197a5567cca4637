package io.orderflow.effects.search;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.stream.Collectors;

/** Keeps the searchable copy of each order; Hibernate Search writes the index when the transaction commits. */
@ApplicationScoped
public class OrderIndex {

    @PersistenceContext
    EntityManager em;

    public void apply(OrderEvent event) {
        UUID orderId = UUID.fromString(event.orderId());
        switch (event.type()) {
            case OrderPlaced -> em.persist(new SearchableOrder(orderId, event.customerEmail(),
                    event.lines().stream().map(OrderEvent.Line::sku).collect(Collectors.joining(" ")),
                    "PLACED", event.total(), event.occurredAt()));
            // an order whose OrderPlaced was discarded from the desk was never indexed: nothing to update
            case OrderCancelled -> {
                SearchableOrder order = em.find(SearchableOrder.class, orderId);
                if (order != null) {
                    order.status("CANCELLED");
                }
            }
        }
    }
}
