package io.orderflow.effects.search;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.search.mapper.orm.Search;

/**
 * Keeps the searchable copy of each order, and writes it to the index before the transaction commits. Hibernate Search
 * would write the index after the commit, and a server that dies in between (or a transaction that recovery finishes
 * after a crash) leaves the row without its document, for good. Written first, the document can at worst be there
 * for a row that rolled back: the event is then delivered again, and written again.
 */
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
        // the flush hands the change to Hibernate Search's plan; execute writes the plan to the index now
        em.flush();
        Search.session(em).indexingPlan().execute();
    }
}
