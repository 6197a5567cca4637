package io.orderflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text, in hex: a stable name for something that must not be spelled out. */
public final class Digest {

    private Digest() {}

    /** The whole digest, 64 hex digits. */
    public static String of(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** Its first bytes, twice as many hex digits. */
    public static String of(String text, int bytes) {
        return HexFormat.of().formatHex(sha256(text), 0, bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
