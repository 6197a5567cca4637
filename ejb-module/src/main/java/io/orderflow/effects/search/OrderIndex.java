package io.orderflow.effects.search;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;

/**
 * Keeps the searchable copy of each order, and writes it to the index before the transaction
 * commits. Hibernate Search's own listeners (switched off in persistence.xml) would write the index
 * after the commit, and a server that dies in between (or a transaction that recovery finishes
 * after a crash) leaves the row without its document, for good. Written first, the document can be
 * there for a row that then rolls back: the event is delivered again and writes it again, as an
 * update of the one document per order, never a second one.
 */
@ApplicationScoped
public class OrderIndex {

    @PersistenceContext EntityManager em;

    public void apply(OrderEvent event) {
        UUID orderId = event.order().value();
        SearchableOrder order =
                switch (event.type()) {
                    case OrderPlaced -> {
                        SearchableOrder placed =
                                new SearchableOrder(
                                        orderId,
                                        event.customerEmail(),
                                        event.lines().stream()
                                                .map(OrderEvent.Line::sku)
                                                .collect(Collectors.joining(" ")),
                                        "PLACED",
                                        event.total(),
                                        event.occurredAt());
                        em.persist(placed);
                        yield placed;
                    }
                    case OrderCancelled -> {
                        SearchableOrder cancelled = em.find(SearchableOrder.class, orderId);
                        if (cancelled != null) {
                            cancelled.status("CANCELLED");
                        }
                        yield cancelled;
                    }
                };
        // an order whose OrderPlaced was discarded from the desk was never indexed: nothing to
        // update
        if (order != null) {
            SearchIndexingPlan index = Search.session(em).indexingPlan();
            index.addOrUpdate(order);
            index.execute();
        }
    }
}
