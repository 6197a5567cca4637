package io.orderflow.checkout;

import io.orderflow.Digest;

/**
 * A stable digest of an order request, to tell a retry (same body) from a reused Idempotency-Key
 * (another body).
 */
final class RequestFingerprint {

    private RequestFingerprint() {}

    static String of(OrderRequest request) {
        StringBuilder canonical =
                new StringBuilder()
                        .append(request.customerEmail().trim().toLowerCase())
                        .append('\n')
                        .append(request.paymentToken())
                        .append('\n');
        request.lines()
                .forEach(
                        line ->
                                canonical
                                        .append(line.sku())
                                        .append('*')
                                        .append(line.units())
                                        .append('\n'));
        return Digest.of(canonical.toString());
    }
}
