package io.orderflow.effects.failures;

import io.orderflow.Digest;
import io.orderflow.effects.Effect;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why an effect failed, as an operator needs it: the root cause's class and message, and a
 * fingerprint that is the same for every failure with the same cause (ids and numbers in the
 * message do not count), so that a thousand dead letters from one outage show up as one group.
 */
public record Failure(String exceptionClass, String message, String fingerprint) {

    private static final int MAX_MESSAGE = 1000;
    private static final Pattern VARIABLE_PARTS =
            Pattern.compile(
                    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{8}…|[0-9a-f]{16,}|\\d+",
                    Pattern.CASE_INSENSITIVE);

    public static Failure of(Effect effect, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE);
        }
        String cause =
                effect.key()
                        + "|"
                        + root.getClass().getName()
                        + "|"
                        + VARIABLE_PARTS.matcher(message).replaceAll("#").toLowerCase(Locale.ROOT);
        return new Failure(root.getClass().getName(), message, Digest.of(cause, 6));
    }

    /** One line for people: "SMTPSendFailedException: 554 mailbox unavailable". */
    public String summary() {
        String simpleName = exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
        return message.isEmpty() ? simpleName : simpleName + ": " + message;
    }
}
