package io.orderflow.checkout;

import io.orderflow.Rejection;
import java.util.List;
import java.util.Map;

/** The request is not a well-formed order: a missing field, a bad quantity, too many lines. */
public class InvalidOrder extends Rejection {

    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidOrder(List<FieldError> errors) {
        super(Kind.INVALID_REQUEST, "The order is not valid: " + errors.size() + " field(s) need attention.");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("errors", errors);
    }
}
