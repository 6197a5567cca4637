package io.orderflow.telemetry;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes a batch of readings with JDBC batching (the driver turns each JDBC batch into multi-row
 * INSERTs), in the consumer's transaction. The batch row comes first: a batch already written is
 * skipped, so a redelivery adds nothing, nor does the batch sent again after its id expired.
 */
@ApplicationScoped
public class ReadingsStore {

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    @Inject
    @ConfigProperty(name = "orderflow.telemetry.jdbc-batch-size", defaultValue = "500")
    int jdbcBatchSize;

    /**
     * Returns how many readings it wrote: all of them, or none when the batch was written before.
     */
    public int write(TelemetryBatch batch) throws SQLException {
        try (Connection connection = database.getConnection()) {
            if (!claim(connection, batch)) {
                return 0;
            }
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "insert into readings (batch_id, seq, sensor_id, metric, observed_at, value) values (?, ?, ?, ?, ?, ?)")) {
                UUID batchId = UUID.fromString(batch.batchId());
                for (int seq = 0; seq < batch.readings().size(); seq++) {
                    Reading reading = batch.readings().get(seq);
                    insert.setObject(1, batchId);
                    insert.setInt(2, seq);
                    insert.setString(3, reading.sensorId());
                    insert.setString(4, reading.metric());
                    insert.setTimestamp(5, Timestamp.from(reading.timestamp()));
                    insert.setDouble(6, reading.value());
                    insert.addBatch();
                    if ((seq + 1) % jdbcBatchSize == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return batch.readings().size();
        }
    }

    /**
     * Whether the batch is new: neither its id is remembered nor are its readings there. The id is
     * forgotten after its window (retention) and the broker's duplicate-id cache rolls over, so a
     * client's batch sent again a day later is known by its readings.
     */
    private static boolean claim(Connection connection, TelemetryBatch batch) throws SQLException {
        try (PreparedStatement claim =
                connection.prepareStatement(
                        "insert into telemetry_batches (batch_id, readings, accepted_at, written_at) "
                                + "select ?, ?, ?, clock_timestamp() "
                                + "where not exists (select 1 from readings where batch_id = ?) "
                                + "on conflict (batch_id) do nothing")) {
            UUID batchId = UUID.fromString(batch.batchId());
            claim.setObject(1, batchId);
            claim.setInt(2, batch.readings().size());
            claim.setTimestamp(3, Timestamp.from(batch.acceptedAt()));
            claim.setObject(4, batchId);
            return claim.executeUpdate() == 1;
        }
    }
}
