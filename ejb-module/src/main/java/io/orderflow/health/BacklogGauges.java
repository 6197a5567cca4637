package io.orderflow.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.effects.killswitch.KillSwitch;
import io.orderflow.effects.sequencing.HeldEvents;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.messaging.Queues;
import io.orderflow.metrics.OrderFlowMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The figures Prometheus reads about what waits, asked of the broker and the database every five
 * seconds (so every node reports the same queues): events waiting per effect ({@code
 * orderflow_effect_queue_messages{effect}}), whether the broker holds it paused ({@code
 * orderflow_effect_paused{effect}}, 1 or 0, whoever paused it), dead letters waiting per source
 * ({@code orderflow_dead_letters_waiting{source}}), the bytes the telemetry address holds against
 * its cap ({@code orderflow_telemetry_queue_bytes}), whether an effect's kill switch holds its
 * queue paused on this node ({@code orderflow_effect_kill_switch_open{effect}}, 1 or 0), events
 * held for a predecessor not applied yet and how long the oldest has waited ({@code
 * orderflow_effect_held_events{effect}}, {@code orderflow_effect_held_oldest_seconds{effect}}), and
 * transactions prepared in PostgreSQL more than a minute ago, left in doubt by a coordinator that
 * has not come back ({@code orderflow_transactions_in_doubt}). A figure not read yet, or that could
 * not be read, is NaN.
 *
 * <p>Read on a timer, not at each scrape: a broker or a database that does not answer must not fail
 * the scrape or make it wait. Registered in OrderFlow's own registry ({@link
 * io.orderflow.metrics.OrderFlowMetrics}), each with its HELP text.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BacklogGauges {

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class.getName());

    /** The telemetry queue's address, which artemis-config caps with max-size-bytes. */
    private static final String TELEMETRY_ADDRESS = Queues.TELEMETRY_READINGS;

    /**
     * Static, the gauges' state object: Micrometer keeps it weakly, and the class lives as long as
     * the deployment.
     */
    private static final Map<String, Double> LAST_READ = new ConcurrentHashMap<>();

    private static final Map<String, String> HELP =
            Map.of(
                    "orderflow.effect.queue.messages",
                    "Events waiting in the effect's queue",
                    "orderflow.effect.paused",
                    "1 while the broker holds the effect's queue paused, whoever paused it",
                    "orderflow.effect.kill.switch.open",
                    "1 while the effect's kill switch holds its queue paused on this node",
                    "orderflow.effect.held.events",
                    "Events held for a predecessor the effect has not applied yet",
                    "orderflow.effect.held.oldest.seconds",
                    "How long the effect's oldest held event has waited, 0 when none",
                    "orderflow.dead.letters.waiting",
                    "Messages waiting in the source's dead-letter queue",
                    "orderflow.telemetry.queue.bytes",
                    "What the telemetry address holds against its 64 MiB cap",
                    "orderflow.transactions.in.doubt",
                    "Transactions prepared in PostgreSQL more than a minute ago");

    private final Map<String, DoubleSupplier> readings = new ConcurrentHashMap<>();

    @Inject OrderFlowMetrics metrics;

    @Inject BrokerQueues queues;

    @EJB KillSwitch killSwitch;

    @EJB HeldEvents heldEvents;

    private volatile Map<Effect, HeldEvents.Summary> held;

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    @PostConstruct
    void register() {
        for (Effect effect : Effect.values()) {
            gauge(
                    "orderflow.effect.queue.messages",
                    Tags.of("effect", effect.key()),
                    () -> queues.messageCount(effect.queue()));
            gauge(
                    "orderflow.effect.paused",
                    Tags.of("effect", effect.key()),
                    () -> queues.isPaused(effect.queue()) ? 1 : 0);
            gauge(
                    "orderflow.effect.kill.switch.open",
                    Tags.of("effect", effect.key()),
                    () -> killSwitch.isOpen(effect) ? 1 : 0);
            gauge(
                    "orderflow.effect.held.events",
                    Tags.of("effect", effect.key()),
                    () -> heldOf(effect).map(HeldEvents.Summary::events).orElse(0L));
            gauge(
                    "orderflow.effect.held.oldest.seconds",
                    Tags.of("effect", effect.key()),
                    () ->
                            heldOf(effect)
                                    .map(
                                            summary ->
                                                    Duration.between(
                                                                    summary.oldestHeldAt(),
                                                                    Instant.now())
                                                            .toSeconds())
                                    .orElse(0L));
        }
        for (DeadLetterSource source : DeadLetterSource.all()) {
            gauge(
                    "orderflow.dead.letters.waiting",
                    Tags.of("source", source.name()),
                    () -> queues.messageCount(source.deadLetterQueue()));
        }
        gauge(
                "orderflow.telemetry.queue.bytes",
                Tags.empty(),
                () -> queues.addressSize(TELEMETRY_ADDRESS));
        gauge("orderflow.transactions.in.doubt", Tags.empty(), this::inDoubt);
    }

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void read() {
        try {
            held = heldEvents.summary();
        } catch (RuntimeException e) {
            held = null;
            LOG.log(Level.FINE, "Could not count the held events", e);
        }
        readings.forEach(
                (key, reading) -> {
                    try {
                        LAST_READ.put(key, reading.getAsDouble());
                    } catch (RuntimeException e) {
                        LAST_READ.put(key, Double.NaN);
                        LOG.log(Level.FINE, "Could not read " + key, e);
                    }
                });
    }

    /** The effect's held events as last counted, once per reading for all effects. */
    private Optional<HeldEvents.Summary> heldOf(Effect effect) {
        Map<Effect, HeldEvents.Summary> counted = held;
        if (counted == null) {
            throw new IllegalStateException("The held events could not be counted");
        }
        return Optional.ofNullable(counted.get(effect));
    }

    private void gauge(String name, Tags tags, DoubleSupplier reading) {
        String key = name + tags;
        readings.put(key, reading);
        Gauge.builder(name, LAST_READ, read -> read.getOrDefault(key, Double.NaN))
                .description(HELP.get(name))
                .tags(tags)
                .register(metrics.registry());
    }

    private double inDoubt() {
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement();
                ResultSet count =
                        sql.executeQuery(
                                "select count(*) from pg_prepared_xacts where database = current_database() "
                                        + "and prepared < now() - interval '1 minute'")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL did not answer", e);
        }
    }
}
