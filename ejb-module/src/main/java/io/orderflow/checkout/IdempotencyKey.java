package io.orderflow.checkout;

import io.orderflow.Digest;
import io.orderflow.InvalidRequest;

/**
 * The client's key for one checkout, from its {@code Idempotency-Key} header: a retry with the same
 * key gets the same order, and the card is authorized once.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    /** As long as the database's column, never blank. */
    public IdempotencyKey {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidRequest(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** The key a header gives, or null when the request sent none. */
    public static IdempotencyKey ofHeader(String header) {
        return header == null ? null : new IdempotencyKey(header);
    }

    /**
     * Its hash, as logs name it: a client's key may be all that stands between a stranger and a
     * replay of the order it made.
     */
    @Override
    public String toString() {
        return "key#" + Digest.of(value, 6);
    }
}
