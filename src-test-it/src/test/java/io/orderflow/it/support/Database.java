package io.orderflow.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Reads and tweaks OrderFlow's PostgreSQL database directly, to check persisted state rather than API answers. */
public final class Database {

    private Database() {
    }

    /** The first column of the first row, as a number (0 when there is no row). */
    public static long number(String sql, Object... parameters) {
        try (Connection connection = TestServices.services().database().connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The id of the order's latest event, as the effects know it. */
    public static String eventIdOf(UUID orderId) {
        try (Connection connection = TestServices.services().database().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "select event_id from order_effects where order_id = ? limit 1")) {
            statement.setObject(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("order " + orderId + " has no effects");
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
