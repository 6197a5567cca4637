package io.orderflow.it.support;

import io.orderflow.effects.Effect;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Reads and tweaks OrderFlow's PostgreSQL database directly, to check persisted state rather than
 * API answers.
 */
public final class Database {

    private Database() {}

    /** The first column of the first row, as a number (0 when there is no row). */
    public static long number(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getLong(1) : 0);
    }

    /** The first column of the first row, as a decimal (zero when there is no row). */
    public static BigDecimal decimal(String sql, Object... parameters) {
        return query(
                sql, parameters, rows -> rows.next() ? rows.getBigDecimal(1) : BigDecimal.ZERO);
    }

    /** The first column of the first row, as text (null when there is no row). */
    public static String text(String sql, Object... parameters) {
        return query(sql, parameters, rows -> rows.next() ? rows.getString(1) : null);
    }

    /** The first column of every row, as text. */
    public static List<String> texts(String sql, Object... parameters) {
        return query(
                sql,
                parameters,
                rows -> {
                    List<String> values = new ArrayList<>();
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                    return values;
                });
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(String sql, Object[] parameters, Rows<T> read) {
        try (Connection connection = TestServices.services().database().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return read.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The id of the order's event with this sequence number, as the effects know it. */
    public static String eventIdOf(UUID orderId, int sequence) {
        String eventId =
                text(
                        "select event_id from effect_events where order_id = ? and seq = ? limit 1",
                        orderId,
                        sequence);
        if (eventId == null) {
            throw new AssertionError("order " + orderId + " has no event " + sequence);
        }
        return eventId;
    }

    /** Transactions prepared in PostgreSQL and not yet committed or rolled back: in doubt. */
    public static long preparedTransactions() {
        return number("select count(*) from pg_prepared_xacts");
    }

    /**
     * The transactions prepared in PostgreSQL by the server whose transaction node identifier is
     * {@code nodeId}: the JDBC driver names a prepared transaction {@code <format>_<global
     * id>_<branch>}, each id in Base64, and the transaction manager writes its node identifier into
     * the global id.
     */
    public static long preparedTransactionsOf(String nodeId) {
        byte[] node = nodeId.getBytes(StandardCharsets.UTF_8);
        return texts("select gid from pg_prepared_xacts").stream()
                .map(gid -> gid.split("_"))
                .filter(parts -> parts.length == 3)
                .filter(parts -> contains(globalId(parts[1]), node))
                .count();
    }

    private static byte[] globalId(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notTheDrivers) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }

    /** The events of the order that effects claimed in their inbox: one per effect and event. */
    public static long inboxClaimsOf(UUID order) {
        return number("select count(*) from processed_messages where order_id = ?", order);
    }

    /** The same for every order of the customers whose address starts with {@code prefix}. */
    public static long inboxClaimsOfCustomers(String prefix) {
        return number(
                "select count(*) from processed_messages p join orders o on o.id = p.order_id"
                        + " where o.customer_email like ?",
                prefix + "%");
    }

    /** The orders the customer has, whatever became of them. */
    public static long ordersOf(String customerEmail) {
        return number("select count(*) from orders where customer_email = ?", customerEmail);
    }

    /** The telemetry readings written for the sensor. */
    public static long readingsOf(String sensor) {
        return number("select count(*) from readings where sensor_id = ?", sensor);
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = TestServices.services().database().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Writes an order's rows as the checkout does (the order, its lines, a row per effect for its
     * OrderPlaced) and leaves them prepared, not committed, as a stall during the commit leaves
     * them; returns the prepared transaction's id, for COMMIT PREPARED or ROLLBACK PREPARED.
     */
    public static String prepareOrder(JsonObject order, String eventId) {
        String transaction = "orderflow-it-" + UUID.randomUUID();
        UUID id = UUID.fromString(order.getString("id"));
        try (Connection connection = TestServices.services().database().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "insert into orders (id, customer_email, status, currency, total, payment_authorization, "
                                    + "created_at, last_event_seq) values (?, ?, 'PLACED', 'EUR', ?, ?, ?, 1)")) {
                insert.setObject(1, id);
                insert.setString(2, order.getString("customerEmail"));
                insert.setBigDecimal(3, order.getJsonNumber("total").bigDecimalValue());
                insert.setString(4, "auth-in-doubt-" + id);
                insert.setTimestamp(5, Timestamp.from(Instant.parse(order.getString("createdAt"))));
                insert.executeUpdate();
            }
            List<JsonObject> lines = order.getJsonArray("lines").getValuesAs(JsonObject.class);
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "insert into order_lines (order_id, line_no, quantity, sku, unit_price) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < lines.size(); i++) {
                    insert.setObject(1, id);
                    insert.setInt(2, i);
                    insert.setInt(3, lines.get(i).getInt("quantity"));
                    insert.setString(4, lines.get(i).getString("sku"));
                    insert.setBigDecimal(
                            5, lines.get(i).getJsonNumber("unitPrice").bigDecimalValue());
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "insert into effect_events (order_id, effect, seq, event_id, event_type, state, updated_at) "
                                    + "values (?, ?, 1, ?, 'OrderPlaced', 'PENDING', now())")) {
                for (Effect effect : Effect.values()) {
                    insert.setObject(1, id);
                    insert.setString(2, effect.name());
                    insert.setString(3, eventId);
                    insert.executeUpdate();
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("prepare transaction '" + transaction + "'");
            }
            return transaction;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare order " + id, e);
        }
    }

    /**
     * Locks the rows the query selects ({@code select ... for update}) in a transaction left
     * prepared, as a server that died in the middle of a two-phase commit leaves it: the rows stay
     * locked until ROLLBACK PREPARED or COMMIT PREPARED of the returned id, as they would until
     * that server's recovery.
     */
    public static String holdInDoubt(String lockingQuery, Object... parameters) {
        String transaction = "orderflow-it-" + UUID.randomUUID();
        try (Connection connection = TestServices.services().database().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(lockingQuery)) {
                for (int i = 0; i < parameters.length; i++) {
                    lock.setObject(i + 1, parameters[i]);
                }
                lock.executeQuery().close();
            }
            try (var statement = connection.createStatement()) {
                statement.execute("prepare transaction '" + transaction + "'");
            }
            return transaction;
        } catch (SQLException e) {
            throw new IllegalStateException(lockingQuery, e);
        }
    }

    public static void execute(String sql) {
        try (Connection connection = TestServices.services().database().connect();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
