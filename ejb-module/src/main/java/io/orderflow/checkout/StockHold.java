package io.orderflow.checkout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;

/**
 * Holds stock for an order in the transaction that records it, and gives it back in the transaction
 * that cancels it. Each line is one conditional update: it holds only while enough is available, so
 * two checkouts racing for the last units cannot both win, and the database's own check ({@code
 * reserved} between 0 and {@code stock}) refuses anything that slips past. Lines are taken in SKU
 * order, so two orders sharing products cannot deadlock each other.
 */
@ApplicationScoped
public class StockHold {

    @PersistenceContext EntityManager em;

    /**
     * Holds every line or throws {@link InsufficientStock} naming the lines that are short; the
     * caller rolls back.
     */
    public void hold(List<OrderLine> lines) {
        List<String> shortSkus =
                sorted(lines).stream()
                        .filter(
                                line ->
                                        em.createNativeQuery(
                                                                "update products set reserved = reserved + ?1 "
                                                                        + "where sku = ?2 and stock - reserved >= ?1")
                                                        .setParameter(1, line.quantity())
                                                        .setParameter(2, line.sku())
                                                        .executeUpdate()
                                                == 0)
                        .map(OrderLine::sku)
                        .toList();
        if (!shortSkus.isEmpty()) {
            throw new InsufficientStock(shortSkus);
        }
    }

    public void release(List<OrderLine> lines) {
        for (OrderLine line : sorted(lines)) {
            int released =
                    em.createNativeQuery(
                                    "update products set reserved = reserved - ?1 where sku = ?2 and reserved >= ?1")
                            .setParameter(1, line.quantity())
                            .setParameter(2, line.sku())
                            .executeUpdate();
            if (released != 1) {
                throw new IllegalStateException(
                        "Product "
                                + line.sku()
                                + " holds less than the "
                                + line.quantity()
                                + " units a cancelled order gives back");
            }
        }
    }

    private static List<OrderLine> sorted(List<OrderLine> lines) {
        return lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
    }
}
