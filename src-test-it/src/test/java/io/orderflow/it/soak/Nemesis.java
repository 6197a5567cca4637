package io.orderflow.it.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Cluster;
import io.orderflow.devservices.DevServices;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.EffectControls;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a fault schedule against the running parts: one thread per lane, its faults one after
 * the other, the times each really began and was healed recorded.
 */
final class Nemesis implements AutoCloseable {

    /** The parts a fault acts on. */
    record Parts(
            Cluster cluster,
            BrokerPair pair,
            DevServices services,
            Map<String, String> nodeProperties,
            Path ear,
            Path logs,
            String customers) {}

    /**
     * A fault as it happened: when it was broken and healed, from the soak's start, and what went
     * wrong breaking or healing it (empty when nothing did).
     */
    record Injected(Fault fault, Duration began, Duration healed, String trouble) {}

    /** How many events the producer's bug publishes. */
    private static final int FORGED_EVENTS = 2;

    /** A product of the catalogue: the forged events name a real product, never a real order. */
    private static final String FORGED_SKU = "BOOK-001";

    /** What the operator writes when discarding them. */
    static final String FORGED_REASON = "a producer's bug: no such order was ever placed";

    private final Parts parts;
    private final Instant start;
    private final Map<String, String> forgedEvents = new ConcurrentHashMap<>();
    private final List<ExecutorService> lanes = new ArrayList<>();
    private final List<Injected> injected = Collections.synchronizedList(new ArrayList<>());
    private CountDownLatch healed;

    Nemesis(Parts parts, Instant start) {
        this.parts = parts;
        this.start = start;
    }

    void start(List<Fault> schedule) {
        healed = new CountDownLatch(schedule.size());
        for (String lane : FaultSchedule.LANES.keySet()) {
            List<Fault> faults =
                    schedule.stream()
                            .filter(fault -> FaultSchedule.LANES.get(lane).contains(fault.kind()))
                            .toList();
            ExecutorService thread = Executors.newSingleThreadExecutor();
            lanes.add(thread);
            thread.execute(() -> run(faults));
        }
    }

    /** Waits until every fault of the schedule is healed, or failed to be. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (!healed.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(
                        healed.getCount() + " faults not healed ten minutes after the load");
            }
        } finally {
            lanes.forEach(ExecutorService::shutdownNow);
        }
    }

    List<Injected> injected() {
        List<Injected> all = new ArrayList<>(injected);
        all.sort((a, b) -> a.began().compareTo(b.began()));
        return all;
    }

    /**
     * A lane's faults one after the other: each broken at its time and healed at its end, or, when
     * the lane's previous fault took longer to heal (a node's restart takes a minute), as soon as
     * that heal is done; a fault is never broken before the one before it is healed (a node killed
     * again while it was still being started again would leave its first start running unknown).
     */
    private void run(List<Fault> faults) {
        try {
            for (Fault fault : faults) {
                waitFor(fault.at());
                Duration began = Duration.between(start, Instant.now());
                Heal heal;
                try {
                    heal = breakWith(fault);
                } catch (Exception | AssertionError failed) {
                    record(fault, began, failed.toString());
                    continue;
                }
                waitFor(fault.endsAt());
                healThen(fault, began, heal);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a moment of the schedule: the fault's planned time, not an outcome (the outcomes
     * are awaited with deadlines, in the breaks and heals).
     */
    private void waitFor(Duration at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), start.plus(at)).toMillis();
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }

    private void healThen(Fault fault, Duration began, Heal heal) {
        String trouble = "";
        try {
            heal.heal();
        } catch (Exception | AssertionError failed) {
            trouble = failed.toString();
        }
        record(fault, began, trouble);
    }

    private void record(Fault fault, Duration began, String trouble) {
        injected.add(new Injected(fault, began, Duration.between(start, Instant.now()), trouble));
        healed.countDown();
    }

    @FunctionalInterface
    private interface Heal {
        void heal() throws Exception;
    }

    private Heal breakWith(Fault fault) throws Exception {
        String node = fault.target();
        return switch (fault.kind()) {
            case NODE_KILLED -> {
                parts.cluster().killNode(node);
                yield () -> restart(node);
            }
            case NODE_RESTARTED -> {
                parts.cluster().stopNode(node);
                yield () -> restart(node);
            }
            case BROKER_KILLED -> {
                parts.pair().killPrimaryAndAwaitBackup();
                yield this::failBack;
            }
            case DATABASE_PAUSED -> {
                parts.services().database().pause();
                yield () -> parts.services().database().resume();
            }
            case PAYMENT_SLOW -> {
                StubMapping slow = PaymentAnswers.slow(Workload.TOKEN, 3_000);
                yield () -> PaymentAnswers.remove(slow);
            }
            case PAYMENT_DOWN -> {
                StubMapping down = PaymentAnswers.unavailable(Workload.TOKEN);
                yield () -> PaymentAnswers.remove(down);
            }
            case WAREHOUSE_UNAVAILABLE -> {
                StubMapping down = WarehouseAnswers.unavailableFor(parts.customers());
                yield () -> WarehouseAnswers.remove(down);
            }
            case WAREHOUSE_REFUSING -> {
                StubMapping refusing = WarehouseAnswers.unknownAddress(parts.customers());
                yield () -> {
                    WarehouseAnswers.remove(refusing);
                    retryTheDesk("warehouse");
                };
            }
            case MAIL_DOWN -> {
                parts.services().mail().outage();
                yield () -> parts.services().mail().resume();
            }
            case EFFECT_PAUSED -> {
                operator(node, "pause");
                yield () -> operator(node, "resume");
            }
            case EVENTS_FORGED -> {
                List<String> forged = forgeEvents();
                yield () -> discardFromTheDesk(forged);
            }
        };
    }

    /** The events the producer's bug published, by id, with the orders they name. */
    Map<String, String> forgedEvents() {
        return Map.copyOf(forgedEvents);
    }

    /**
     * Publishes {@link #FORGED_EVENTS} events for orders nobody placed, to whichever broker of the
     * pair serves, as OrderFlow's own identity would; asked again until the broker takes them (it
     * may be failing over), each under its duplicate id, so that none goes out twice.
     */
    private List<String> forgeEvents() {
        List<ExternalProducer.Message> messages = new ArrayList<>();
        for (int i = 0; i < FORGED_EVENTS; i++) {
            String orderId = UUID.randomUUID().toString();
            String eventId = UUID.randomUUID().toString();
            JsonObject order =
                    ExternalProducer.orderOfOneUnit(
                            orderId,
                            parts.customers() + "forged-" + i + "@example.com",
                            Instant.now().toString(),
                            FORGED_SKU);
            messages.add(
                    new ExternalProducer.Message(
                            ExternalProducer.eventOf(order, "OrderPlaced", eventId, 1),
                            eventId,
                            orderId));
            forgedEvents.put(eventId, orderId);
        }
        List<Integer> ports = List.of(parts.pair().primaryPort, parts.pair().backupPort);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        () -> {
                            ExternalProducer.publishToPair(
                                    ports, messages.toArray(ExternalProducer.Message[]::new));
                            return true;
                        });
        return messages.stream().map(ExternalProducer.Message::duplicateId).toList();
    }

    /**
     * An operator discarding the forged events' dead letters from the desk through the entry point,
     * with a reason, as they arrive, and coming back until each effect's are discarded: an effect
     * refuses such an event for good only once no transaction left in doubt since it occurred could
     * still be recording its order (EffectLedger), which, with nodes killed in mid-commit, takes
     * minutes.
     */
    private static void discardFromTheDesk(List<String> eventIds) {
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(5))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            List<String> letters =
                                    DeadLetterDesk.letters().stream()
                                            .filter(
                                                    letter ->
                                                            eventIds.contains(
                                                                    letter.getString(
                                                                            "eventId", "")))
                                            .map(letter -> letter.getString("messageId"))
                                            .toList();
                            if (!letters.isEmpty()) {
                                Api.Reply discarded =
                                        DeadLetterDesk.discard(letters, FORGED_REASON);
                                assertThat(discarded.status())
                                        .as(discarded.described())
                                        .isEqualTo(200);
                            }
                            assertThat(discards(eventIds))
                                    .as("the forged events' dead letters discarded, one per effect")
                                    .isEqualTo(eventIds.size() * Orders.EFFECTS.size());
                        });
    }

    /** The forged events' dead letters discarded with the operator's reason so far. */
    static long discards(List<String> eventIds) {
        long discarded = 0;
        for (String eventId : eventIds) {
            discarded +=
                    Database.number(
                            "select count(*) from dead_letter_actions where action = 'DISCARD'"
                                    + " and event_id = ? and reason = ?",
                            eventId,
                            FORGED_REASON);
        }
        return discarded;
    }

    /** The node started again on its base, its deployment back and the entry point told. */
    private void restart(String node) throws Exception {
        parts.cluster()
                .restartNode(
                        node,
                        parts.ear(),
                        parts.nodeProperties(),
                        ProcessBuilder.Redirect.appendTo(
                                parts.logs().resolve(node + "-restarts.log").toFile()));
    }

    /** The old primary started again, serving once more, the backup back to waiting. */
    private void failBack() throws Exception {
        parts.pair().relaunchPrimary();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> parts.pair().primary.isActive() && !parts.pair().backup.isActive());
    }

    /**
     * An operator's pause or resume through the entry point, asked again until it is taken (a node
     * or the database may be down when it is first asked).
     */
    private static void operator(String effect, String action) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> EffectControls.act(Api.BASE, effect, action));
    }

    /**
     * An operator retrying the effect's dead letters from the desk through the entry point until
     * none is left: a refusal may still be on its way to the desk when the cause is gone, and a
     * node or the database may be down when the operator asks.
     */
    private static void retryTheDesk(String effect) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            List<String> waiting =
                                    DeadLetterDesk.letters().stream()
                                            .filter(
                                                    letter ->
                                                            effect.equals(
                                                                    letter.getString("source")))
                                            .map(letter -> letter.getString("messageId"))
                                            .toList();
                            if (!waiting.isEmpty()) {
                                Api.Reply retried = DeadLetterDesk.retry(waiting);
                                assertThat(retried.status()).as(retried.described()).isEqualTo(200);
                            }
                            assertThat(waiting).as("dead letters left on the desk").isEmpty();
                        });
    }
}
