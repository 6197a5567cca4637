package io.orderflow.ops;

import io.orderflow.effects.Failure;
import java.time.Instant;

/**
 * A message in a dead-letter queue as the desk shows it, with the failure that put it there.
 *
 * @param source the effect it failed in, {@code telemetry} or {@code payment-voids}
 * @param attempts the failed attempts the consumer recorded
 * @param retries how often it was sent back before; above zero it is a repeated failure
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
        int retries) {

    public boolean repeated() {
        return retries > 0;
    }

    public String fingerprint() {
        return failure == null ? "unknown" : failure.fingerprint();
    }
}
