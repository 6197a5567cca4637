package io.orderflow.retention;

import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What OrderFlow keeps only as long as it guards against a duplicate or serves an audit, and for
 * how long by default (an ISO-8601 duration in the named property). Orders, their effects' states
 * and the readings themselves are kept.
 */
public enum Kept {

    /**
     * The consumers' inbox. An event's effect row (kept with its order) already refuses a second
     * application; the inbox is the second guard and must outlive any redelivery of the event: the
     * longest redelivery schedule is minutes, a paused effect's backlog is not handled yet, so a
     * week covers even a redelivery after a long weekend.
     */
    INBOX("processed_messages", "processed_at", null, "orderflow.retention.inbox", "P7D"),
    /**
     * A verdict left by a permanent failure whose message was never delivered again: it guards the
     * same redeliveries.
     */
    VERDICTS("dead_letter_verdicts", "decided_at", null, "orderflow.retention.inbox", "P7D"),
    /**
     * Idempotency-Keys: a client retries a checkout within seconds to hours; a day is the horizon
     * the common APIs give a key (and 700 times the 2 minutes a checkout may hold one). A key sent
     * again after it is a new checkout.
     */
    IDEMPOTENCY_KEYS(
            "checkout_keys", "updated_at", null, "orderflow.retention.idempotency-keys", "PT24H"),
    /**
     * Payment keys whose authorization was voided: kept while the Idempotency-Key they belong to
     * may come back, so that a retry never asks the payment service under a spent key.
     */
    VOIDED_PAYMENT_KEYS(
            "payment_attempts", "voided_at", null, "orderflow.retention.idempotency-keys", "PT24H"),
    /**
     * Written telemetry batches by id: a redelivered batch comes back within minutes, a client's
     * retry within the same day as a checkout's. A batch sent again after it is written again.
     */
    TELEMETRY_BATCHES(
            "telemetry_batches",
            "written_at",
            null,
            "orderflow.retention.telemetry-batches",
            "PT24H"),
    /**
     * Who retried or discarded which dead letter: a quarter, long enough for the review after an
     * incident.
     */
    AUDIT("dead_letter_actions", "acted_at", null, "orderflow.retention.audit", "P90D"),
    /**
     * Every failed attempt, shown to staff with the order: a month explains any incident still
     * worth explaining.
     */
    FAILURES("effect_failures", "failed_at", null, "orderflow.retention.failures", "P30D"),
    /** Dead letters retried or discarded; one that still waits is kept whatever its age. */
    SETTLED_DEAD_LETTERS(
            "dead_letter_messages",
            "dead_lettered_at",
            "state <> 'WAITING'",
            "orderflow.retention.failures",
            "P30D");

    final String table;
    final String timeColumn;
    final String condition;
    final String property;
    private final String byDefault;

    Kept(String table, String timeColumn, String condition, String property, String byDefault) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.condition = condition;
        this.property = property;
        this.byDefault = byDefault;
    }

    Duration window() {
        return Duration.parse(
                ConfigProvider.getConfig()
                        .getOptionalValue(property, String.class)
                        .orElse(byDefault));
    }
}
