package io.orderflow.web.ops;

import io.orderflow.effects.failures.FailedAttempt;
import java.time.Instant;

/** A failed delivery of an event to an effect, as the desk and an order's journey show it. */
public record AttemptView(
        String effect,
        int sequence,
        int attempt,
        Instant failedAt,
        String exceptionClass,
        String message,
        String fingerprint,
        boolean permanent) {

    static AttemptView of(FailedAttempt attempt) {
        return new AttemptView(
                attempt.effect().key(),
                attempt.sequence(),
                attempt.attempt(),
                attempt.failedAt(),
                attempt.failure().exceptionClass(),
                attempt.failure().message(),
                attempt.failure().fingerprint(),
                attempt.permanent());
    }
}
