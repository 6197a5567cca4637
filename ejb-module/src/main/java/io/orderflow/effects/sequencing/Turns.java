package io.orderflow.effects.sequencing;

import io.orderflow.effects.Effect;
import io.orderflow.events.OrderEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A batch's turns at the ledger ({@code effect_events}), in plain SQL on the persistence context's
 * own connection: every row the batch needs is locked in one statement, the applied ones marked
 * done in one, and a held event marked with one of its own. A delivery needs its event's row, its
 * predecessor's (whether it may be applied) and its successor's (to send on one that came early and
 * is held). All of them, for the whole batch, are locked in order of order and place: two
 * transactions of an effect never wait for each other in a cycle, and a delivery never reads a
 * predecessor that a running transaction is applying; it waits for that transaction and reads its
 * outcome. The message group keeps an order's events on one consumer most of the time, not always
 * (a group moves on when its consumer closes, as a batch's does, and other nodes consume too): the
 * locks decide.
 */
@ApplicationScoped
public class Turns {

    /** Where an effect stands with one event, as locked. */
    public record Row(
            UUID orderId,
            int sequence,
            String eventId,
            String eventType,
            EffectState state,
            String heldEvent) {

        /** Whether the event is the one the database recorded at this place. */
        public boolean isFor(OrderEvent event) {
            return eventId.equals(event.eventId()) && eventType.equals(event.type().name());
        }
    }

    /** An event's place in its order's life. */
    public record Place(UUID orderId, int sequence) {

        public static Place of(OrderEvent event, int sequence) {
            return new Place(event.order().value(), sequence);
        }
    }

    private static final Comparator<Place> IN_ORDER =
            Comparator.comparing(Place::orderId).thenComparingInt(Place::sequence);

    @PersistenceContext EntityManager em;

    /**
     * Locks, for every event, its row, its successor's and, after the first event of an order, its
     * predecessor's; returns those that exist.
     */
    public Map<Place, Row> lock(Effect effect, Collection<OrderEvent> events) {
        TreeSet<Place> places = new TreeSet<>(IN_ORDER);
        for (OrderEvent event : events) {
            if (event.predecessor() > 0) {
                places.add(Place.of(event, event.predecessor()));
            }
            places.add(Place.of(event, event.sequence()));
            places.add(Place.of(event, event.sequence() + 1));
        }
        return work(
                connection -> {
                    try (PreparedStatement query =
                            connection.prepareStatement(
                                    "select e.order_id, e.seq, e.event_id, e.event_type, e.state, e.held_event "
                                            + "from effect_events e join unnest(?::uuid[], ?::int[]) as p(order_id, seq) "
                                            + "on e.order_id = p.order_id and e.seq = p.seq "
                                            + "where e.effect = ? order by e.order_id, e.seq for update of e")) {
                        Array orders =
                                connection.createArrayOf(
                                        "uuid",
                                        places.stream().map(Place::orderId).toArray(UUID[]::new));
                        Array sequences =
                                connection.createArrayOf(
                                        "int4",
                                        places.stream()
                                                .map(Place::sequence)
                                                .toArray(Integer[]::new));
                        query.setArray(1, orders);
                        query.setArray(2, sequences);
                        query.setString(3, effect.name());
                        Map<Place, Row> rows = new HashMap<>();
                        try (ResultSet result = query.executeQuery()) {
                            while (result.next()) {
                                Row row =
                                        new Row(
                                                result.getObject(1, UUID.class),
                                                result.getInt(2),
                                                result.getString(3),
                                                result.getString(4),
                                                EffectState.valueOf(result.getString(5)),
                                                result.getString(6));
                                rows.put(new Place(row.orderId(), row.sequence()), row);
                            }
                        }
                        return rows;
                    }
                });
    }

    /** An event applied (or found applied by the inbox) at this attempt. */
    public record Done(Place place, int attempt) {}

    /** Marks the batch's applied events done, in one statement. */
    public void done(Effect effect, List<Done> applied) {
        if (applied.isEmpty()) {
            return;
        }
        work(
                connection -> {
                    try (PreparedStatement update =
                            connection.prepareStatement(
                                    "update effect_events e set state = 'DONE', attempts = d.attempt, "
                                            + "completed_at = clock_timestamp(), updated_at = clock_timestamp(), "
                                            + "version = e.version + 1 "
                                            + "from unnest(?::uuid[], ?::int[], ?::int[]) as d(order_id, seq, attempt) "
                                            + "where e.effect = ? and e.order_id = d.order_id and e.seq = d.seq")) {
                        update.setArray(
                                1,
                                connection.createArrayOf(
                                        "uuid",
                                        applied.stream()
                                                .map(done -> done.place().orderId())
                                                .toArray()));
                        update.setArray(
                                2,
                                connection.createArrayOf(
                                        "int4",
                                        applied.stream()
                                                .map(done -> done.place().sequence())
                                                .toArray()));
                        update.setArray(
                                3,
                                connection.createArrayOf(
                                        "int4", applied.stream().map(Done::attempt).toArray()));
                        update.setString(4, effect.name());
                        return update.executeUpdate();
                    }
                });
    }

    /** Keeps an event that came before its predecessor was applied, to be sent again once it is. */
    public void hold(Effect effect, Row row, String event) {
        mark(effect, row, "state = 'WAITING', held_event = ?, held_at = clock_timestamp()", event);
    }

    /**
     * The held event, now that it may go: it is pending again until its consumer has it.
     *
     * @return the event as it arrived
     */
    public String release(Effect effect, Row held) {
        mark(effect, held, "state = 'PENDING', held_event = null");
        return held.heldEvent();
    }

    /** One row changed: {@code change} sets its columns, with {@code values} for its parameters. */
    private void mark(Effect effect, Row row, String change, Object... values) {
        work(
                connection -> {
                    try (PreparedStatement update =
                            connection.prepareStatement(
                                    "update effect_events set "
                                            + change
                                            + ", updated_at = clock_timestamp(), version = version + 1 "
                                            + "where order_id = ? and effect = ? and seq = ?")) {
                        int next = 1;
                        for (Object value : values) {
                            update.setObject(next++, value);
                        }
                        update.setObject(next++, row.orderId());
                        update.setString(next++, effect.name());
                        update.setInt(next, row.sequence());
                        return update.executeUpdate();
                    }
                });
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::on);
    }
}
