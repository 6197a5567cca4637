package io.orderflow;

import java.util.List;
import java.util.Map;

/** A request whose fields are not what the operation needs; names each field at fault. */
public class InvalidRequest extends Rejection {

    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public InvalidRequest(String field, String message) {
        this(
                Kind.INVALID_REQUEST,
                "The request is not valid: " + field + " " + message + ".",
                List.of(new FieldError(field, message)));
    }

    protected InvalidRequest(Kind kind, String detail, List<FieldError> errors) {
        super(kind, detail);
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
