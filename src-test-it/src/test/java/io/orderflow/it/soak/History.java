package io.orderflow.it.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request of a soak and what it got, in the order they ended. */
final class History {

    enum Type {
        ORDER,
        REPLAY,
        CANCEL,
        TELEMETRY
    }

    /**
     * One request: when it began and how long it took (from the soak's start), the status it got
     * ({@link #NO_ANSWER} when none came), the order it concerned if any, the Idempotency-Key or
     * batch size.
     */
    record Call(Type type, Duration began, Duration took, int status, String orderId, String key) {

        boolean accepted() {
            return status / 100 == 2;
        }

        Duration ended() {
            return began.plus(took);
        }
    }

    static final int NO_ANSWER = 0;

    private final Instant start;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    History(Instant start) {
        this.start = start;
    }

    Instant start() {
        return start;
    }

    Duration sinceStart(Instant at) {
        return Duration.between(start, at);
    }

    void record(Type type, Instant began, Instant ended, int status, String orderId, String key) {
        calls.add(
                new Call(
                        type,
                        sinceStart(began),
                        Duration.between(began, ended),
                        status,
                        orderId,
                        key));
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The first checkout asked at or after {@code from} that was accepted. */
    Optional<Call> firstAcceptedOrderFrom(Duration from) {
        return calls().stream()
                .filter(call -> call.type() == Type.ORDER && call.accepted())
                .filter(call -> call.began().compareTo(from) >= 0)
                .min((a, b) -> a.began().compareTo(b.began()));
    }
}
