package io.orderflow.effects.inventory;

import io.orderflow.Causes;
import io.orderflow.catalogue.Product;
import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The inventory effect: allocates a placed order's stock for picking, and releases the allocation
 * when the order is cancelled. The stock itself was held by the checkout and is given back by the
 * cancellation, both at once and in the order's own transaction; here the warehouse learns what to
 * pick, at its own pace.
 */
@ApplicationScoped
public class StockAllocations implements EffectHandler {

    @PersistenceContext EntityManager em;

    @Override
    public Effect effect() {
        return Effect.INVENTORY;
    }

    /** A SKU the catalogue does not have. */
    @Override
    public boolean failsForGood(Throwable failure) {
        return Causes.find(failure, UnknownProduct.class).isPresent();
    }

    @Override
    public void apply(OrderEvent event) {
        UUID orderId = event.order().value();
        switch (event.type()) {
            case OrderPlaced -> allocate(orderId, event);
            case OrderCancelled -> release(orderId);
        }
    }

    private void allocate(UUID orderId, OrderEvent event) {
        Instant now = Instant.now();
        List<String> skus = event.lines().stream().map(OrderEvent.Line::sku).toList();
        // a query, not find(): it fails when the database does, where find() may answer null
        // (HHH-12472). In SQL with one array parameter: a JPQL "in" list is translated anew for
        // every size of list. Synchronized with the products only, so that it does not flush the
        // batch's earlier allocations one event at a time.
        Set<String> known =
                new HashSet<>(
                        em.createNativeQuery(
                                        "select sku from products where sku = any (?1)",
                                        String.class)
                                .unwrap(NativeQuery.class)
                                .addSynchronizedEntityClass(Product.class)
                                .setParameter(1, skus.toArray(String[]::new))
                                .getResultList());
        for (OrderEvent.Line line : event.lines()) {
            if (!known.contains(line.sku())) {
                throw new UnknownProduct(line.sku());
            }
            em.persist(new StockAllocation(orderId, line.sku(), line.quantity(), now));
        }
    }

    /**
     * An order whose OrderPlaced was discarded from the desk has nothing allocated, and nothing to
     * release.
     */
    private void release(UUID orderId) {
        Instant now = Instant.now();
        em.createQuery(
                        "select a from StockAllocation a where a.orderId = :orderId and a.state = :state",
                        StockAllocation.class)
                .setParameter("orderId", orderId)
                .setParameter("state", StockAllocation.State.ALLOCATED)
                .getResultList()
                .forEach(allocation -> allocation.release(now));
    }
}
