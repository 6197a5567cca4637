package io.orderflow.bench.floor;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The one thing every floor consumer does: claim the inbox for its message, as an effect does. */
final class FloorClaim {

    private FloorClaim() {}

    static void claim(DataSource database, String consumer, Message message) {
        try (Connection connection = database.getConnection();
                PreparedStatement claim =
                        connection.prepareStatement(
                                "insert into processed_messages (consumer, event_id, processed_at) "
                                        + "values (?, ?, clock_timestamp()) on conflict do nothing")) {
            claim.setString(1, consumer);
            claim.setString(2, message.getJMSMessageID());
            claim.executeUpdate();
        } catch (SQLException | JMSException e) {
            throw new IllegalStateException("the floor's claim failed", e);
        }
    }
}
