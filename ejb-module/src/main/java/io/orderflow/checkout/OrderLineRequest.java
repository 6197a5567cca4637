package io.orderflow.checkout;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * One line of an order as the customer sends it. The quantity is read as a decimal and checked to
 * be whole: read as an int, JSON-B would turn 1.5 into 1 without a word.
 */
public record OrderLineRequest(
        @NotBlank @Size(max = 32) String sku,
        @NotNull
                @Positive
                @Max(OrderLineRequest.MAX_QUANTITY)
                @Digits(integer = 4, fraction = 0, message = "must be a whole number")
                BigDecimal quantity) {

    public static final int MAX_QUANTITY = 1000;

    /** The quantity, once the request is valid. */
    int units() {
        return quantity.intValueExact();
    }
}
