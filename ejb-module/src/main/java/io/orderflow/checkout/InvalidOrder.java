package io.orderflow.checkout;

import io.orderflow.InvalidRequest;
import java.util.List;

/** The request is not a well-formed order: a missing field, a bad quantity, too many lines. */
public class InvalidOrder extends InvalidRequest {

    public InvalidOrder(List<FieldError> errors) {
        super(
                Kind.INVALID_ORDER,
                "The order is not valid: " + errors.size() + " field(s) need attention.",
                errors);
    }
}
