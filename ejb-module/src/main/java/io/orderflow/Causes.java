package io.orderflow;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Looks through a failure and its causes: what a layer below threw often arrives wrapped by the
 * layers above.
 */
public final class Causes {

    private Causes() {}

    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The outermost failure of this type in the chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
