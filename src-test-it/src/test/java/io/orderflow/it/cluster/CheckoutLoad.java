package io.orderflow.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients placing orders one after the other, each for one unit of its product, until closed, while
 * a test kills something: every answer counted, the accepted orders kept, and what came after the
 * moment the test marks (the kill) apart. A checkout that gets no answer at all (the client's 30 s
 * passed, the connection dropped) counts as {@link #NO_ANSWER} with its reason, and its client goes
 * on: a client that stopped would leave a test waiting for orders nobody asks for.
 */
final class CheckoutLoad implements AutoCloseable {

    /** The status counted for a checkout that got no HTTP answer. */
    static final int NO_ANSWER = 0;

    /** Answers from this long after the first order accepted after the mark count as late. */
    private static final Duration LATE = Duration.ofSeconds(5);

    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> lateStatuses = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> mark = new AtomicReference<>();
    private final AtomicReference<Instant> firstAcceptedAfterTheMark = new AtomicReference<>();
    private final AtomicInteger acceptedAfterTheMark = new AtomicInteger();
    private final AtomicInteger entryPointFailures = new AtomicInteger();
    private final AtomicInteger lateEntryPointFailures = new AtomicInteger();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<String> noAnswerReasons = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService clients;

    /** Starts one client per SKU; the customers' addresses start with {@code customers}. */
    CheckoutLoad(String customers, List<String> skus) {
        clients = Executors.newFixedThreadPool(skus.size());
        for (String sku : skus) {
            clients.submit(() -> placeUntilStopped(customers, sku));
        }
    }

    private Void placeUntilStopped(String customers, String sku) {
        while (!stop.get()) {
            Instant asked = Instant.now();
            Api.Reply reply = null;
            try {
                reply =
                        Api.postJson(
                                "/orders",
                                Orders.body(Orders.uniqueCustomer(customers), "tok_ok", sku, "1"));
            } catch (RuntimeException noAnswer) {
                noAnswerReasons.add(
                        Duration.between(asked, Instant.now()).toMillis() + " ms: " + noAnswer);
            }
            int status = reply == null ? NO_ANSWER : reply.status();
            statuses.merge(status, 1, Integer::sum);
            boolean failedAtTheEntryPoint = status != 201 && !answeredByOrderFlow(reply);
            if (failedAtTheEntryPoint) {
                entryPointFailures.incrementAndGet();
            }
            slowestMillis.accumulateAndGet(
                    Duration.between(asked, Instant.now()).toMillis(), Math::max);
            boolean afterTheMark = mark.get() != null && asked.isAfter(mark.get());
            Instant firstAfter = firstAcceptedAfterTheMark.get();
            if (afterTheMark && firstAfter != null && asked.isAfter(firstAfter.plus(LATE))) {
                lateStatuses.merge(status, 1, Integer::sum);
                if (failedAtTheEntryPoint) {
                    lateEntryPointFailures.incrementAndGet();
                }
            }
            if (status == 201) {
                accepted.add(reply.json().getString("id"));
                if (afterTheMark) {
                    firstAcceptedAfterTheMark.compareAndSet(null, Instant.now());
                    acceptedAfterTheMark.incrementAndGet();
                }
            }
        }
        return null;
    }

    /**
     * OrderFlow answers every failure with a problem document; the entry point's own failures (no
     * node to send the request to, or the node it chose gone) have none, and no answer has none.
     */
    private static boolean answeredByOrderFlow(Api.Reply reply) {
        if (reply == null) {
            return false;
        }
        String type = reply.header("Content-Type");
        return type != null && type.startsWith("application/problem+json");
    }

    /** From now on, what is asked counts as asked after the kill. */
    Instant mark() {
        Instant now = Instant.now();
        mark.set(now);
        return now;
    }

    List<String> accepted() {
        return accepted;
    }

    int acceptedAfterTheMark() {
        return acceptedAfterTheMark.get();
    }

    Instant firstAcceptedAfterTheMark() {
        return firstAcceptedAfterTheMark.get();
    }

    /** Why checkouts got no answer, with how long each waited for it. */
    List<String> noAnswerReasons() {
        return noAnswerReasons;
    }

    /** Every answer's status, with how often it came. */
    Map<Integer, Integer> statuses() {
        return statuses;
    }

    /** The statuses of what was asked from 5 s after the first order accepted after the mark. */
    Map<Integer, Integer> lateStatuses() {
        return lateStatuses;
    }

    /** Failures that the entry point answered itself, not a node. */
    int entryPointFailures() {
        return entryPointFailures.get();
    }

    /** The same, among the late answers. */
    int lateEntryPointFailures() {
        return lateEntryPointFailures.get();
    }

    int lateAnswers() {
        return lateStatuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    int answers() {
        return statuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    long slowestMillis() {
        return slowestMillis.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }
}
