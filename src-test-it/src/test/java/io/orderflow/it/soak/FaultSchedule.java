package io.orderflow.it.soak;

import io.orderflow.it.soak.Fault.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The faults of a soak, drawn from a seed: the same seed and length give the same schedule. Faults
 * come in lanes that run side by side, so faults of different lanes overlap (the broker fails over
 * while the warehouse is down and a node restarts) while a lane never stacks two faults on one part
 * (two nodes down at once is no longer a fault of the cluster but its absence). Each lane leaves a
 * gap of 10 to 40 s after each fault is healed, and nothing starts in the last stretch, for the
 * system to be seen recovering before the checker runs.
 */
final class FaultSchedule {

    /**
     * The lane of the one fault that is not drawn: forged events a third into the soak, so that
     * adding it changed no seed's schedule.
     */
    private static final String PRODUCER = "producer";

    private static final Duration FORGED_FOR = Duration.ofSeconds(20);

    /** Each lane, the kinds it draws from. */
    static final Map<String, List<Kind>> LANES =
            Map.of(
                    "nodes",
                    List.of(Kind.NODE_KILLED, Kind.NODE_RESTARTED),
                    "broker",
                    List.of(Kind.BROKER_KILLED),
                    "database",
                    List.of(Kind.DATABASE_PAUSED),
                    "downstreams",
                    List.of(
                            Kind.PAYMENT_SLOW,
                            Kind.PAYMENT_DOWN,
                            Kind.WAREHOUSE_UNAVAILABLE,
                            Kind.WAREHOUSE_REFUSING,
                            Kind.MAIL_DOWN),
                    "operator",
                    List.of(Kind.EFFECT_PAUSED),
                    PRODUCER,
                    List.of(Kind.EVENTS_FORGED));

    private static final List<String> NODES = List.of("node-a", "node-b");

    private static final Duration NODE_RESTART = Duration.ofSeconds(60);
    private static final List<String> PAUSABLE = List.of("email", "warehouse", "analytics");

    private FaultSchedule() {}

    /**
     * The schedule for a soak of {@code length} whose last {@code quiet} has no fault starting or
     * lasting into it.
     */
    static List<Fault> plan(long seed, Duration length, Duration quiet) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        Duration end = length.minus(quiet);
        for (String lane : LANES.keySet().stream().sorted().toList()) {
            if (lane.equals(PRODUCER)) {
                continue;
            }
            List<Kind> kinds = LANES.get(lane);
            Duration at = seconds(random, 5, 30);
            while (true) {
                Kind kind = kinds.get(random.nextInt(kinds.size()));
                Duration lasting = lasting(random, kind);
                if (at.plus(lasting).compareTo(end) > 0) {
                    break;
                }
                faults.add(new Fault(at, kind, target(random, kind), lasting));
                at = at.plus(lasting).plus(healing(kind)).plus(seconds(random, 10, 40));
            }
        }
        Duration forgedAt = length.dividedBy(3);
        if (forgedAt.plus(FORGED_FOR).compareTo(end) <= 0) {
            faults.add(new Fault(forgedAt, Kind.EVENTS_FORGED, "", FORGED_FOR));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return faults;
    }

    /**
     * How long healing the fault takes, beyond its end: a node started again boots and deploys
     * OrderFlow for about a minute on two cores before it serves, and the lane's next fault waits
     * for that (a node is never killed while it is still being started).
     */
    private static Duration healing(Kind kind) {
        return switch (kind) {
            case NODE_KILLED, NODE_RESTARTED -> NODE_RESTART;
            default -> Duration.ZERO;
        };
    }

    private static Duration lasting(Random random, Kind kind) {
        return switch (kind) {
            case NODE_KILLED, NODE_RESTARTED -> seconds(random, 5, 20);
            case BROKER_KILLED -> seconds(random, 10, 30);
            case DATABASE_PAUSED -> seconds(random, 5, 30);
            case PAYMENT_SLOW, PAYMENT_DOWN, WAREHOUSE_UNAVAILABLE, WAREHOUSE_REFUSING, MAIL_DOWN ->
                    seconds(random, 10, 40);
            case EFFECT_PAUSED -> seconds(random, 10, 30);
            case EVENTS_FORGED -> FORGED_FOR;
        };
    }

    private static String target(Random random, Kind kind) {
        return switch (kind) {
            case NODE_KILLED, NODE_RESTARTED -> NODES.get(random.nextInt(NODES.size()));
            case EFFECT_PAUSED -> PAUSABLE.get(random.nextInt(PAUSABLE.size()));
            default -> "";
        };
    }

    private static Duration seconds(Random random, int from, int to) {
        return Duration.ofSeconds(from + random.nextInt(to - from + 1));
    }
}
