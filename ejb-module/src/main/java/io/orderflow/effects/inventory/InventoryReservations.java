package io.orderflow.effects.inventory;

import io.orderflow.catalogue.Product;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Holds stock for placed orders and gives it back when they are cancelled. Products are locked in SKU order, so
 * two orders sharing products cannot deadlock each other.
 */
@ApplicationScoped
public class InventoryReservations {

    @PersistenceContext
    EntityManager em;

    public void apply(OrderEvent event) {
        UUID orderId = UUID.fromString(event.orderId());
        switch (event.type()) {
            case OrderPlaced -> reserve(orderId, event);
            case OrderCancelled -> release(orderId);
        }
    }

    private void reserve(UUID orderId, OrderEvent event) {
        Instant now = Instant.now();
        event.lines().stream().sorted(Comparator.comparing(OrderEvent.Line::sku)).forEach(line -> {
            lockedProduct(line.sku()).reserve(line.quantity());
            em.persist(new InventoryReservation(orderId, line.sku(), line.quantity(), now));
        });
    }

    private void release(UUID orderId) {
        Instant now = Instant.now();
        em.createQuery("select r from InventoryReservation r where r.orderId = :orderId and r.state = :state order by r.sku",
                        InventoryReservation.class)
                .setParameter("orderId", orderId)
                .setParameter("state", InventoryReservation.State.RESERVED)
                .getResultList()
                .forEach(reservation -> {
                    lockedProduct(reservation.sku()).release(reservation.quantity());
                    reservation.release(now);
                });
    }

    private Product lockedProduct(String sku) {
        Product product = em.find(Product.class, sku, LockModeType.PESSIMISTIC_WRITE);
        if (product == null) {
            throw new UnknownProduct(sku);
        }
        return product;
    }
}
