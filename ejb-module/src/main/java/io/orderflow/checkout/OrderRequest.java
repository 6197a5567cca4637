package io.orderflow.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a customer sends to place an order. */
public record OrderRequest(
        @NotBlank @Email @Size(max = 254) String customerEmail,
        @NotEmpty @Size(max = OrderRequest.MAX_LINES) List<@NotNull @Valid OrderLineRequest> lines,
        @NotBlank @Size(max = 100) String paymentToken) {

    public static final int MAX_LINES = 50;
}
