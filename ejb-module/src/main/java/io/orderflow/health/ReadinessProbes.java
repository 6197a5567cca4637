package io.orderflow.health;

import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.effects.sequencing.HeldEvents;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.probes.Probe;
import io.orderflow.probes.Probes;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the readiness checks report (the checks themselves live in the EAR's lib/, where WildFly
 * finds them). The broker's figures come from the broker, so a consumer on any node counts.
 */
@Stateless
@Local(Probes.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadinessProbes implements Probes {

    private static final int DATABASE_ANSWER_WITHIN_SECONDS = 3;

    @Resource(lookup = "java:jboss/datasources/OrderFlowDS")
    DataSource database;

    @Inject BrokerQueues queues;

    @Inject
    @ConfigProperty(name = "orderflow.health.backlog-threshold", defaultValue = "10000")
    long backlogThreshold;

    /**
     * Longer than the longest redelivery schedule (about 18 minutes): a predecessor still being
     * retried holds its successor that long on purpose.
     */
    @Inject
    @ConfigProperty(name = "orderflow.health.held-threshold-seconds", defaultValue = "1800")
    long heldThresholdSeconds;

    @EJB HeldEvents held;

    /**
     * Without PostgreSQL no checkout can reserve stock and no effect can claim its inbox, so a
     * balancer should send the node no orders.
     */
    @Override
    public Probe database() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(DATABASE_ANSWER_WITHIN_SECONDS)
                    ? new Probe(true, Map.of())
                    : new Probe(
                            false,
                            Map.of(
                                    "reason",
                                    "PostgreSQL did not answer within "
                                            + DATABASE_ANSWER_WITHIN_SECONDS
                                            + " s"));
        } catch (SQLException e) {
            return new Probe(false, Map.of("reason", DatabaseRefusal.explain(e)));
        }
    }

    /**
     * An effect that lost its consumers silently would let its queue grow while every checkout
     * still succeeds; one paused on purpose (by an operator or its kill switch) has its reason.
     */
    @Override
    public Probe broker() {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean up = true;
        for (Effect effect : Effect.values()) {
            long consumers = queues.consumerCount(effect.queue());
            boolean paused = queues.isPaused(effect.queue());
            data.put(
                    effect.key(),
                    paused ? "paused, " + consumers + " consumers" : consumers + " consumers");
            up &= paused || consumers > 0;
        }
        return new Probe(up, data);
    }

    /** Empty when the database does not answer, which its own check reports. */
    private Map<Effect, HeldEvents.Summary> heldSummary() {
        try {
            return held.summary();
        } catch (RuntimeException databaseDown) {
            return Map.of();
        }
    }

    @Override
    public Probe backlog() {
        List<String> reasons = new ArrayList<>();
        for (DeadLetterSource source : DeadLetterSource.all()) {
            long deadLetters = queues.messageCount(source.deadLetterQueue());
            if (deadLetters > 0) {
                reasons.add(deadLetters + " dead letters of " + source.name());
            }
        }
        Instant heldTooLong = Instant.now().minusSeconds(heldThresholdSeconds);
        heldSummary()
                .forEach(
                        (effect, summary) -> {
                            if (summary.oldestHeldAt().isBefore(heldTooLong)) {
                                reasons.add(
                                        summary.events()
                                                + " events of "
                                                + effect.key()
                                                + " held for their predecessor, the oldest since "
                                                + summary.oldestHeldAt()
                                                + " (threshold "
                                                + heldThresholdSeconds
                                                + " s)");
                            }
                        });
        for (Effect effect : Effect.values()) {
            long waiting = queues.messageCount(effect.queue());
            if (waiting > backlogThreshold) {
                reasons.add(
                        waiting
                                + " events wait for "
                                + effect.key()
                                + " (threshold "
                                + backlogThreshold
                                + ")");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("degraded", !reasons.isEmpty());
        if (!reasons.isEmpty()) {
            data.put("reason", String.join("; ", reasons));
        }
        return new Probe(true, data);
    }
}
