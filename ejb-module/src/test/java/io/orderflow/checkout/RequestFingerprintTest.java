package io.orderflow.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    private static OrderRequest request(String email, int quantity) {
        return new OrderRequest(
                email,
                List.of(new OrderLineRequest("BOOK-001", BigDecimal.valueOf(quantity))),
                "tok_ok");
    }

    @Test
    void the_same_request_has_the_same_fingerprint() {
        assertThat(RequestFingerprint.of(request("ada@example.com", 2)))
                .isEqualTo(RequestFingerprint.of(request("ada@example.com", 2)));
    }

    @Test
    void the_case_of_the_email_address_does_not_make_another_request() {
        assertThat(RequestFingerprint.of(request("Ada@Example.com", 2)))
                .isEqualTo(RequestFingerprint.of(request("ada@example.com", 2)));
    }

    @Test
    void another_quantity_is_another_request() {
        assertThat(RequestFingerprint.of(request("ada@example.com", 2)))
                .isNotEqualTo(RequestFingerprint.of(request("ada@example.com", 3)));
    }
}
