package io.orderflow;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * A request OrderFlow turns down on purpose. Each carries the kind of refusal (which the web module
 * turns into an RFC 9457 problem with the right status) and a detail written for the client: never
 * a class name or a trace. As an application exception it rolls back the caller's transaction
 * without being wrapped in an EJBException.
 */
@ApplicationException(rollback = true)
public abstract class Rejection extends RuntimeException {

    public enum Kind {
        INVALID_ORDER,
        INVALID_REQUEST,
        UNKNOWN_PRODUCT,
        INSUFFICIENT_STOCK,
        IDEMPOTENCY_KEY_REUSED,
        REQUEST_IN_PROGRESS,
        PAYMENT_DECLINED,
        PAYMENT_UNAVAILABLE,
        CHECKOUT_NOT_COMPLETED,
        SERVICE_UNAVAILABLE,
        NOT_FOUND,
        CONFLICT,
        MALFORMED_READINGS,
        INVALID_READINGS,
        TOO_LARGE,
        QUEUE_FULL
    }

    private final Kind kind;

    protected Rejection(Kind kind, String detail) {
        this(kind, detail, null);
    }

    protected Rejection(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * When a refusal is temporary: how many seconds the client should wait before it tries again.
     */
    public int retryAfterSeconds() {
        return 5;
    }

    /** Extension members of the problem body, e.g. the field errors or the unknown SKUs. */
    public Map<String, Object> details() {
        return Map.of();
    }
}
