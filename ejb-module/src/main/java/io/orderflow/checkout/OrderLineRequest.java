package io.orderflow.checkout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record OrderLineRequest(
        @NotBlank @Size(max = 32) String sku,
        @NotNull @Positive @Max(OrderLineRequest.MAX_QUANTITY) Integer quantity) {

    public static final int MAX_QUANTITY = 1000;
}
