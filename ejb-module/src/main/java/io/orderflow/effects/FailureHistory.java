package io.orderflow.effects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The failures of one event in one effect: the last one in full, whether it was permanent, and when failing began and
 * last happened. Kept on the order's effect while it is retried, and copied with it when it is dead-lettered.
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

    @Column(name = "first_failed_at")
    private Instant firstFailedAt;

    @Column(name = "last_failed_at")
    private Instant lastFailedAt;

    public FailureHistory() {
    }

    static FailureHistory of(Failure failure, boolean permanent, Instant now) {
        FailureHistory history = new FailureHistory();
        history.add(failure, permanent, now);
        return history;
    }

    void add(Failure failure, boolean permanent, Instant now) {
        this.exceptionClass = failure.exceptionClass();
        this.message = failure.message();
        this.fingerprint = failure.fingerprint();
        this.permanent = permanent;
        if (firstFailedAt == null) {
            firstFailedAt = now;
        }
        lastFailedAt = now;
    }

    FailureHistory copy() {
        FailureHistory copy = new FailureHistory();
        copy.exceptionClass = exceptionClass;
        copy.message = message;
        copy.fingerprint = fingerprint;
        copy.permanent = permanent;
        copy.firstFailedAt = firstFailedAt;
        copy.lastFailedAt = lastFailedAt;
        return copy;
    }

    /** The last failure, or null when there was none. */
    public Failure last() {
        return exceptionClass == null ? null : new Failure(exceptionClass, message, fingerprint);
    }

    public boolean permanent() {
        return permanent;
    }

    public Instant firstFailedAt() {
        return firstFailedAt;
    }

    public Instant lastFailedAt() {
        return lastFailedAt;
    }
}
