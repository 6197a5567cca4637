package io.orderflow.web.problems;

import io.orderflow.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns OrderFlow's refusals into problems with the status that says what the client can do about
 * them.
 */
@Provider
@ApplicationScoped
public class RejectionMapper implements ExceptionMapper<Rejection> {

    @Context UriInfo uri;

    @Override
    public Response toResponse(Rejection rejection) {
        Response problem =
                switch (rejection.kind()) {
                    case INVALID_ORDER ->
                            problem(400, "invalid-order", "The order is not valid", rejection);
                    case INVALID_REQUEST ->
                            problem(400, "invalid-request", "The request is not valid", rejection);
                    case UNKNOWN_PRODUCT ->
                            problem(422, "unknown-product", "Unknown product", rejection);
                    case INSUFFICIENT_STOCK ->
                            problem(409, "insufficient-stock", "Not enough stock", rejection);
                    case IDEMPOTENCY_KEY_REUSED ->
                            problem(
                                    422,
                                    "idempotency-key-reused",
                                    "Idempotency-Key reused",
                                    rejection);
                    case REQUEST_IN_PROGRESS ->
                            problem(409, "request-in-progress", "Request in progress", rejection);
                    case PAYMENT_DECLINED ->
                            problem(402, "payment-declined", "Payment declined", rejection);
                    case PAYMENT_UNAVAILABLE ->
                            problem(
                                    503,
                                    "payment-unavailable",
                                    "Payment service unavailable",
                                    rejection);
                    case CHECKOUT_NOT_COMPLETED ->
                            problem(
                                    503,
                                    "checkout-not-completed",
                                    "Checkout not completed",
                                    rejection);
                    case SERVICE_UNAVAILABLE ->
                            problem(503, "service-unavailable", "Service unavailable", rejection);
                    case NOT_FOUND -> problem(404, "not-found", "Not found", rejection);
                    case CONFLICT -> problem(409, "conflict", "Conflict", rejection);
                    case MALFORMED_READINGS ->
                            problem(400, "malformed-readings", "Malformed readings", rejection);
                    case INVALID_READINGS ->
                            problem(422, "invalid-readings", "Invalid reading", rejection);
                    case TOO_LARGE ->
                            problem(413, "body-too-large", "Request too large", rejection);
                    case QUEUE_FULL -> problem(503, "queue-full", "Queue full", rejection);
                };
        if (problem.getStatus() == 503 || rejection.kind() == Rejection.Kind.REQUEST_IN_PROGRESS) {
            return Response.fromResponse(problem)
                    .header("Retry-After", rejection.retryAfterSeconds())
                    .build();
        }
        return problem;
    }

    private Response problem(int status, String type, String title, Rejection rejection) {
        return Problem.response(
                status,
                type,
                title,
                rejection.getMessage(),
                uri.getRequestUri().getPath(),
                rejection.details());
    }
}
