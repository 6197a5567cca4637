package io.orderflow.effects.sequencing;

import io.orderflow.effects.Effect;
import io.orderflow.effects.failures.FailureHistory;
import java.time.Instant;

/**
 * A ledger row as people see it (the order's journey, the desk): its state with its failures summed
 * up, and what the state alone does not say: a pending event that has failed before is being
 * retried; an event whose predecessor is not behind the effect yet waits for it.
 *
 * @param attempts deliveries so far: the successful one when done, else the failed ones
 */
public record EffectStatus(
        Effect effect,
        int sequence,
        String eventType,
        EffectState state,
        int attempts,
        FailureHistory failures,
        Instant updatedAt,
        Instant completedAt) {

    static EffectStatus of(EffectEvent row, FailureHistory failures, boolean predecessorSettled) {
        EffectState shown = row.state();
        if (shown == EffectState.PENDING && failures.last() != null) {
            shown = EffectState.RETRYING;
        }
        if (shown == EffectState.PENDING && !predecessorSettled) {
            shown = EffectState.WAITING;
        }
        int attempts = row.state() == EffectState.DONE ? row.attempts() : failures.failedAttempts();
        return new EffectStatus(
                row.effect(),
                row.sequence(),
                row.eventType(),
                shown,
                attempts,
                failures,
                row.updatedAt(),
                row.completedAt());
    }
}
