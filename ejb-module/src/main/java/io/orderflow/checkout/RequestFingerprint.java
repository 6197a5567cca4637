package io.orderflow.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
