package io.orderflow.it.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    public static void execute(String sql) {
        try (Connection connection = TestServices.services().database().connect();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
