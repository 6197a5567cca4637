package io.orderflow.inbox;

import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The consumers' idempotency guard. A claim inserts (consumer, event id) in the consumer's
 * transaction: it commits with the effect, and rolls back with it. A redelivered or re-sent event
 * finds its row and is skipped.
 */
@ApplicationScoped
public class Inbox {

    @PersistenceContext EntityManager em;

    /**
     * The events this consumer has not handled before, by id, now owned by this transaction; one
     * statement for all of them. The rows also say when each consumer handled which event of which
     * order, in the order it did.
     */
    public Set<String> claim(String consumer, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        // ON CONFLICT DO NOTHING instead of catching a duplicate-key error: an error would doom the
        // transaction
        return em.unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            try (PreparedStatement insert =
                                    connection.prepareStatement(
                                            "insert into processed_messages (consumer, event_id, order_id, event_type, processed_at) "
                                                    + "select ?, e.event_id, e.order_id, e.event_type, clock_timestamp() "
                                                    + "from unnest(?::varchar[], ?::uuid[], ?::varchar[]) with ordinality "
                                                    + "as e(event_id, order_id, event_type, n) order by e.n "
                                                    + "on conflict (consumer, event_id) do nothing returning event_id")) {
                                insert.setString(1, consumer);
                                insert.setArray(
                                        2,
                                        column(connection, "varchar", events, OrderEvent::eventId));
                                insert.setArray(
                                        3,
                                        column(connection, "uuid", events, e -> e.order().value()));
                                insert.setArray(
                                        4,
                                        column(
                                                connection,
                                                "varchar",
                                                events,
                                                e -> e.type().name()));
                                Set<String> claimed = new HashSet<>();
                                try (ResultSet rows = insert.executeQuery()) {
                                    while (rows.next()) {
                                        claimed.add(rows.getString(1));
                                    }
                                }
                                return claimed;
                            }
                        });
    }

    /** One column of the events, as an SQL array of the given type. */
    private static Array column(
            Connection connection,
            String type,
            List<OrderEvent> events,
            Function<OrderEvent, Object> value)
            throws SQLException {
        return connection.createArrayOf(type, events.stream().map(value).toArray());
    }
}
