package io.orderflow.ops;

import io.orderflow.effects.failures.Failure;
import java.time.Instant;
import java.util.List;

/**
 * Dead letters with the same cause: one outage, one group, however many messages.
 *
 * @param fingerprint the failure's, which its letters share
 * @param repeatedFailures how many of them failed again after being sent back
 * @param investigation the note of whoever looks into it, if anyone does
 */
public record FailureGroup(
        String fingerprint,
        String source,
        Failure failure,
        int count,
        int repeatedFailures,
        Instant firstSeen,
        Instant lastSeen,
        Investigations.Investigation investigation,
        List<String> messageIds) {}
