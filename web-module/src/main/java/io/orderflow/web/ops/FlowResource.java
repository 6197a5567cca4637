package io.orderflow.web.ops;

import io.orderflow.effects.Effect;
import io.orderflow.effects.deadletters.DeadLetterSource;
import io.orderflow.effects.killswitch.KillSwitch;
import io.orderflow.effects.killswitch.Pauses;
import io.orderflow.effects.sequencing.HeldEvents;
import io.orderflow.messaging.BrokerQueues;
import io.orderflow.messaging.Queues;
import io.orderflow.ops.EffectPauses;
import io.orderflow.ops.FlowHistory;
import io.orderflow.ops.Roles;
import io.orderflow.telemetry.TelemetryStats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The flow through OrderFlow's queues at a glance, for the operator's page: per effect what waits,
 * who consumes, whether and by whom it is paused, what is dead-lettered, and what got done over the
 * last minutes; the telemetry queue against its cap. Staff and ops read it.
 */
@RequestScoped
@Tag(name = "flow", description = "The operator's page's figures (staff)")
@Path("/ops/flow")
@Produces(MediaType.APPLICATION_JSON)
public class FlowResource {

    private static final Duration HISTORY = Duration.ofMinutes(10);

    private static final String TELEMETRY_ADDRESS = Queues.TELEMETRY_READINGS;

    /**
     * @param waiting events in the queue, those delivered and not yet acknowledged included
     * @param consumers the consumers attached, from every node
     * @param pausedBy who paused it: an operator's name, or "kill switch" (whichever node's)
     * @param pausedAt since when
     * @param pauseReason the failure that tripped the kill switch; none for an operator's pause
     * @param heldEvents events held for a predecessor not applied yet ({@code
     *     /api/ops/held-events})
     * @param oldestHeldAt since when the oldest of them waits
     * @param deadLetters its events that wait in its dead-letter queue
     */
    public record EffectFlow(
            String effect,
            long waiting,
            long consumers,
            boolean paused,
            String pausedBy,
            Instant pausedAt,
            String pauseReason,
            KillSwitch.Status killSwitch,
            long deadLetters,
            long heldEvents,
            Instant oldestHeldAt) {}

    /**
     * @param queueBytes what the telemetry address holds, which its max-size-bytes caps
     * @param queueLimitPercent the same against the cap
     */
    public record TelemetryFlow(
            long queuedBatches,
            double drainRatePerSecond,
            long queueBytes,
            int queueLimitPercent,
            Long oldestUnwrittenAgeMillis) {}

    public record Flow(
            Instant at,
            long stepSeconds,
            List<EffectFlow> effects,
            List<FlowHistory.Point> history,
            TelemetryFlow telemetry) {}

    @Inject BrokerQueues queues;

    @EJB KillSwitch killSwitch;

    @EJB EffectPauses pauses;

    @EJB HeldEvents heldEvents;

    @EJB FlowHistory history;

    @EJB TelemetryStats telemetry;

    @RolesAllowed({Roles.STAFF, Roles.OPS})
    @GET
    @Operation(
            operationId = "getFlow",
            summary = "Read every effect's flow: waiting, pauses, throughput, lag")
    public Flow flow() {
        Map<String, Pauses.Pause> paused = pauses.current();
        Map<Effect, HeldEvents.Summary> held = heldEvents.summary();
        List<EffectFlow> effects =
                Arrays.stream(Effect.values())
                        .map(
                                effect -> {
                                    Pauses.Pause pause = paused.get(effect.key());
                                    HeldEvents.Summary summary = held.get(effect);
                                    return new EffectFlow(
                                            effect.key(),
                                            queues.messageCount(effect.queue()),
                                            queues.consumerCount(effect.queue()),
                                            queues.isPaused(effect.queue()),
                                            pause == null ? null : pause.pausedBy(),
                                            pause == null ? null : pause.pausedAt(),
                                            pause == null ? null : pause.reason(),
                                            killSwitch.status(effect),
                                            queues.messageCount(
                                                    DeadLetterSource.of(effect).deadLetterQueue()),
                                            summary == null ? 0 : summary.events(),
                                            summary == null ? null : summary.oldestHeldAt());
                                })
                        .toList();
        TelemetryStats.Snapshot stats = telemetry.snapshot();
        return new Flow(
                Instant.now(),
                FlowHistory.STEP.toSeconds(),
                effects,
                history.last(HISTORY),
                new TelemetryFlow(
                        stats.queuedBatches(),
                        stats.drainRatePerSecond(),
                        queues.addressSize(TELEMETRY_ADDRESS),
                        queues.addressLimitPercent(TELEMETRY_ADDRESS),
                        stats.oldestUnwrittenAgeMillis()));
    }
}
