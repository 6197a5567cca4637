package io.orderflow.web.problems;

import io.orderflow.Rejection;

/**
 * Every problem type OrderFlow answers with ({@code urn:orderflow:problem:<slug>}), its status and
 * title: what the mappers write and what the API description lists per operation. The errors the
 * container raises itself (401, 403, 404 for an unknown address, 405, 415) are {@code about:blank}.
 */
public enum ProblemType {
    INVALID_ORDER(400, "invalid-order", "The order is not valid"),
    INVALID_REQUEST(400, "invalid-request", "The request is not valid"),
    MALFORMED_BODY(400, "malformed-body", "Malformed request body"),
    MALFORMED_READINGS(400, "malformed-readings", "Malformed readings"),
    PAYMENT_DECLINED(402, "payment-declined", "Payment declined"),
    NOT_FOUND(404, "not-found", "Not found"),
    INSUFFICIENT_STOCK(409, "insufficient-stock", "Not enough stock"),
    REQUEST_IN_PROGRESS(409, "request-in-progress", "Request in progress"),
    CONFLICT(409, "conflict", "Conflict"),
    BODY_TOO_LARGE(413, "body-too-large", "Request body too large"),
    UNKNOWN_PRODUCT(422, "unknown-product", "Unknown product"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
    INVALID_READINGS(422, "invalid-readings", "Invalid reading"),
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    PAYMENT_UNAVAILABLE(503, "payment-unavailable", "Payment service unavailable"),
    CHECKOUT_NOT_COMPLETED(503, "checkout-not-completed", "Checkout not completed"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    QUEUE_FULL(503, "queue-full", "Queue full");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last part of the type's URI, {@code insufficient-stock}. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return Problem.TYPE_PREFIX + slug;
    }

    public static ProblemType of(Rejection.Kind kind) {
        return switch (kind) {
            case INVALID_ORDER -> INVALID_ORDER;
            case INVALID_REQUEST -> INVALID_REQUEST;
            case UNKNOWN_PRODUCT -> UNKNOWN_PRODUCT;
            case INSUFFICIENT_STOCK -> INSUFFICIENT_STOCK;
            case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
            case REQUEST_IN_PROGRESS -> REQUEST_IN_PROGRESS;
            case PAYMENT_DECLINED -> PAYMENT_DECLINED;
            case PAYMENT_UNAVAILABLE -> PAYMENT_UNAVAILABLE;
            case CHECKOUT_NOT_COMPLETED -> CHECKOUT_NOT_COMPLETED;
            case SERVICE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case MALFORMED_READINGS -> MALFORMED_READINGS;
            case INVALID_READINGS -> INVALID_READINGS;
            case TOO_LARGE -> BODY_TOO_LARGE;
            case QUEUE_FULL -> QUEUE_FULL;
        };
    }
}
