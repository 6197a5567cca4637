package io.orderflow.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the database recorded about an event's order: its customer's address, its lines and its
 * total. An event only repeats them; the effects act on these, so that a message altered or forged
 * on its way (by anyone who may send to the broker) cannot change what the warehouse ships or whom
 * the mail goes to.
 */
@ApplicationScoped
public class OrderFacts {

    @PersistenceContext EntityManager em;

    /**
     * The event with the facts the database holds for its order, in the caller's transaction; empty
     * when the order has no row.
     */
    public Optional<OrderEvent> recorded(OrderEvent event) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "select o.customer_email, o.currency, o.total, l.sku, l.quantity, l.unit_price "
                                        + "from orders o join order_lines l on l.order_id = o.id "
                                        + "where o.id = ?1 order by l.line_no")
                        .setParameter(1, UUID.fromString(event.orderId()))
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        return Optional.of(
                new OrderEvent(
                        event.schemaVersion(),
                        event.eventId(),
                        event.type(),
                        event.orderId(),
                        event.sequence(),
                        event.occurredAt(),
                        (String) first[0],
                        ((String) first[1]).trim(),
                        (BigDecimal) first[2],
                        rows.stream()
                                .map(
                                        row ->
                                                new OrderEvent.Line(
                                                        (String) row[3],
                                                        ((Number) row[4]).intValue(),
                                                        (BigDecimal) row[5]))
                                .toList()));
    }
}
