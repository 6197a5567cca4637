package io.orderflow.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * What the database recorded about an event's order: its customer's address, its lines and its
 * total. An event only repeats them; the effects act on these, so that a message altered or forged
 * on its way (by anyone who may send to the broker) cannot change what the warehouse ships or whom
 * the mail goes to.
 */
@ApplicationScoped
public class OrderFacts {

    @PersistenceContext EntityManager em;

    /** The facts of one recorded order. */
    private record Facts(
            String customerEmail, String currency, BigDecimal total, List<OrderEvent.Line> lines) {}

    /**
     * Each event with the facts the database holds for its order, by event id, in the caller's
     * transaction and one statement for all of them; an event whose order has no row is missing.
     */
    public Map<String, OrderEvent> recorded(Collection<OrderEvent> events) {
        Map<UUID, Facts> orders = factsOf(events.stream().map(e -> e.order().value()).toList());
        Map<String, OrderEvent> recorded = new HashMap<>();
        for (OrderEvent event : events) {
            Facts facts = orders.get(event.order().value());
            if (facts != null) {
                recorded.put(
                        event.eventId(),
                        new OrderEvent(
                                event.schemaVersion(),
                                event.eventId(),
                                event.type(),
                                event.orderId(),
                                event.sequence(),
                                event.occurredAt(),
                                facts.customerEmail(),
                                facts.currency(),
                                facts.total(),
                                facts.lines()));
            }
        }
        return recorded;
    }

    private Map<UUID, Facts> factsOf(List<UUID> orderIds) {
        return em.unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            try (PreparedStatement query =
                                    connection.prepareStatement(
                                            "select o.id, o.customer_email, o.currency, o.total, l.sku, l.quantity, l.unit_price "
                                                    + "from orders o join order_lines l on l.order_id = o.id "
                                                    + "where o.id = any (?::uuid[]) order by o.id, l.line_no")) {
                                query.setArray(
                                        1,
                                        connection.createArrayOf(
                                                "uuid", orderIds.toArray(UUID[]::new)));
                                Map<UUID, Facts> facts = new HashMap<>();
                                try (ResultSet rows = query.executeQuery()) {
                                    while (rows.next()) {
                                        UUID order = rows.getObject(1, UUID.class);
                                        Facts known = facts.get(order);
                                        if (known == null) {
                                            known =
                                                    new Facts(
                                                            rows.getString(2),
                                                            rows.getString(3).trim(),
                                                            rows.getBigDecimal(4),
                                                            new ArrayList<>());
                                            facts.put(order, known);
                                        }
                                        known.lines()
                                                .add(
                                                        new OrderEvent.Line(
                                                                rows.getString(5),
                                                                rows.getInt(6),
                                                                rows.getBigDecimal(7)));
                                    }
                                }
                                return facts;
                            }
                        });
    }
}
