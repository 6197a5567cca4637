package io.orderflow.effects.failures;

import io.orderflow.effects.Effect;
import java.time.Instant;

/**
 * One delivery of an event to an effect that failed, as the order's journey shows it.
 *
 * @param attempt the delivery's number, counted from 1
 * @param permanent a failure no retry can fix: the event went to the dead-letter queue at once
 */
public record FailedAttempt(
        Effect effect,
        int sequence,
        String eventId,
        int attempt,
        Instant failedAt,
        Failure failure,
        boolean permanent) {}
