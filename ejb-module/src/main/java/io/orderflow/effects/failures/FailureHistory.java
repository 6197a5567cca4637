package io.orderflow.effects.failures;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The failures of one event in one effect, summed up: the last one in full, whether it was
 * permanent, how many attempts failed, and when failing began and last happened. Kept with a dead
 * letter, since the broker's dead letter carries only its origin.
 */
@Embeddable
public class FailureHistory {

    @Column(name = "failure_class")
    private String exceptionClass;

    @Column(name = "failure_message")
    private String message;

    @Column(name = "failure_fingerprint")
    private String fingerprint;

    @Column(name = "failure_permanent", nullable = false)
    private boolean permanent;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "first_failed_at")
    private Instant firstFailedAt;

    @Column(name = "last_failed_at")
    private Instant lastFailedAt;

    public FailureHistory() {}

    /** The summary of an event's failed attempts (none: an empty history). */
    public static FailureHistory of(List<EffectFailure> attempts) {
        FailureHistory history = new FailureHistory();
        attempts.stream()
                .max(Comparator.comparing(EffectFailure::failedAt))
                .ifPresent(
                        last -> {
                            Failure failure = last.failure();
                            history.exceptionClass = failure.exceptionClass();
                            history.message = failure.message();
                            history.fingerprint = failure.fingerprint();
                            history.permanent = last.permanent();
                            history.lastFailedAt = last.failedAt();
                        });
        attempts.stream()
                .map(EffectFailure::failedAt)
                .min(Comparator.naturalOrder())
                .ifPresent(first -> history.firstFailedAt = first);
        history.failedAttempts = attempts.size();
        return history;
    }

    /**
     * A failure known only by itself: a message that is not an event, or that only the broker gave
     * up on.
     */
    public static FailureHistory of(Failure failure, boolean permanent, Instant at) {
        FailureHistory history = new FailureHistory();
        history.exceptionClass = failure.exceptionClass();
        history.message = failure.message();
        history.fingerprint = failure.fingerprint();
        history.permanent = permanent;
        history.failedAttempts = 1;
        history.firstFailedAt = at;
        history.lastFailedAt = at;
        return history;
    }

    /** The last failure, or null when there was none. */
    public Failure last() {
        return exceptionClass == null ? null : new Failure(exceptionClass, message, fingerprint);
    }

    public boolean permanent() {
        return permanent;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public Instant firstFailedAt() {
        return firstFailedAt;
    }

    public Instant lastFailedAt() {
        return lastFailedAt;
    }
}
