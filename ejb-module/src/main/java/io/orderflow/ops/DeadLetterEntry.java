package io.orderflow.ops;

import io.orderflow.effects.failures.Failure;
import java.time.Instant;

/**
 * A message in a dead-letter queue as the desk shows it, with the failure that put it there.
 *
 * @param source the effect it failed in, {@code telemetry} or {@code payment-voids}
 * @param attempts the failed attempts the consumer recorded
 * @param retries how often it was sent back before
 * @param repeatedFailure whether it failed again after being sent back ({@code retries} above zero)
 */
public record DeadLetterEntry(
        String messageId,
        String source,
        String eventId,
        String orderId,
        String eventType,
        Failure failure,
        boolean permanent,
        int attempts,
        Instant firstFailedAt,
        Instant lastFailedAt,
        Instant deadLetteredAt,
        int retries,
        boolean repeatedFailure) {

    public String fingerprint() {
        return failure == null ? "unknown" : failure.fingerprint();
    }
}
