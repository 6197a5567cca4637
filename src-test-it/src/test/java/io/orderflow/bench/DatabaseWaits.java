package io.orderflow.bench;

import io.orderflow.devservices.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Samples what OrderFlow's database sessions are doing, ten times a second, from pg_stat_activity:
 * running on the CPU, waiting for a row lock, for the client, for I/O. Where the samples pile up is
 * where a phase spends its time.
 */
final class DatabaseWaits implements AutoCloseable {

    private final Map<String, Long> samples = new ConcurrentHashMap<>();
    private final AtomicLong connectionsPeak = new AtomicLong();
    private final AtomicLong busyPeak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final Connection connection;

    DatabaseWaits(Database database) throws SQLException {
        connection = database.connect();
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try (Statement sql = connection.createStatement();
                ResultSet rows =
                        sql.executeQuery(
                                "select case when state = 'idle' then 'idle' "
                                        + "when state = 'active' and wait_event is null then 'running' "
                                        + "when state = 'idle in transaction' then 'idle in transaction (waiting for the application)' "
                                        + "when wait_event is null then state else wait_event_type || ': ' || wait_event end, count(*) "
                                        + "from pg_stat_activity where datname = '"
                                        + Database.NAME
                                        + "' and pid <> pg_backend_pid() group by 1")) {
            long connections = 0;
            long busy = 0;
            while (rows.next()) {
                String activity = rows.getString(1);
                connections += rows.getLong(2);
                if (!"idle".equals(activity)) {
                    busy += rows.getLong(2);
                    samples.merge(activity, rows.getLong(2), Long::sum);
                }
            }
            connectionsPeak.accumulateAndGet(connections, Math::max);
            busyPeak.accumulateAndGet(busy, Math::max);
        } catch (SQLException e) {
            // a missed sample changes the shares by a hair; the next one comes in 100 ms
        }
    }

    /**
     * The most connections OrderFlow held open at one sample (what its pool had grown to) and the
     * most of them busy at once: a pool that limits throughput shows busy connections at its size.
     */
    long[] connectionPeaks() {
        return new long[] {connectionsPeak.get(), busyPeak.get()};
    }

    /** Share of the busy-session samples per activity, largest first. */
    Map<String, Double> shares() {
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        return samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e -> total == 0 ? 0 : (double) e.getValue() / total,
                                (a, b) -> a,
                                LinkedHashMap::new));
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        sampler.shutdown();
        sampler.awaitTermination(2, TimeUnit.SECONDS);
        connection.close();
    }
}
