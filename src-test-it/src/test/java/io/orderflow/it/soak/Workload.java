package io.orderflow.it.soak;

import io.orderflow.it.soak.History.Type;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An open-model load through the entry point: requests leave at a fixed rate whatever the answers
 * take, as customers keep arriving during an outage. Six in ten are checkouts (half of them for two
 * hot products), one in ten a customer's retry of an earlier checkout under its Idempotency-Key,
 * two in ten a cancellation of an accepted order, one in ten a telemetry batch. Every checkout is a
 * customer of its own, so one order per key is one order per customer.
 */
final class Workload implements AutoCloseable {

    /** The payment token of every soak checkout: the nemesis slows or refuses it. */
    static final String TOKEN = "tok_soak";

    static final int READINGS_PER_BATCH = 10;

    private record Checkout(String key, String body) {}

    private final Random random;
    private final String customers;
    private final List<String> skus;
    private final String sensor;
    private final History history;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newFixedThreadPool(64);
    private final List<Checkout> checkouts = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private final Set<String> cancelAsked = new HashSet<>();
    private final AtomicLong readingsSent = new AtomicLong();
    private final AtomicLong readingsAccepted = new AtomicLong();
    private int customerCount;

    /** {@code skus}: the first two are the hot products. */
    Workload(long seed, String customers, List<String> skus, String sensor, History history) {
        this.random = new Random(seed);
        this.customers = customers;
        this.skus = List.copyOf(skus);
        this.sensor = sensor;
        this.history = history;
    }

    /**
     * Sends at the rate for the length given; {@link #awaitEnd} returns once it stopped sending.
     */
    void start(double perSecond, Duration length) {
        clock.scheduleAtFixedRate(
                () -> callers.submit(next()),
                0,
                (long) (TimeUnit.SECONDS.toNanos(1) / perSecond),
                TimeUnit.NANOSECONDS);
        clock.schedule(clock::shutdown, length.toNanos(), TimeUnit.NANOSECONDS);
    }

    void awaitEnd(Duration atMost) throws InterruptedException {
        if (!clock.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the load did not end within " + atMost);
        }
    }

    /** Stops sending and waits for the answers still on their way. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        callers.shutdown();
        if (!callers.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("requests still unanswered two minutes after the load");
        }
    }

    long readingsSent() {
        return readingsSent.get();
    }

    long readingsAccepted() {
        return readingsAccepted.get();
    }

    private synchronized Runnable next() {
        int draw = random.nextInt(100);
        if (draw >= 60 && draw < 70 && !checkouts.isEmpty()) {
            Checkout again = checkouts.get(random.nextInt(checkouts.size()));
            return () -> checkout(Type.REPLAY, again);
        }
        if (draw >= 70 && draw < 90) {
            List<String> cancellable =
                    accepted.stream().filter(id -> !cancelAsked.contains(id)).toList();
            if (!cancellable.isEmpty()) {
                String orderId = cancellable.get(random.nextInt(cancellable.size()));
                cancelAsked.add(orderId);
                return () -> cancel(orderId);
            }
        }
        if (draw >= 90) {
            return this::telemetry;
        }
        String sku =
                random.nextBoolean()
                        ? skus.get(random.nextInt(2))
                        : skus.get(2 + random.nextInt(skus.size() - 2));
        Checkout checkout =
                new Checkout(
                        UUID.randomUUID().toString(),
                        Orders.body(
                                customers + (++customerCount) + "@example.com", TOKEN, sku, "1"));
        checkouts.add(checkout);
        return () -> checkout(Type.ORDER, checkout);
    }

    private void checkout(Type type, Checkout checkout) {
        Instant began = Instant.now();
        Api.Reply reply =
                answer(
                        () ->
                                Api.postJson(
                                        "/orders",
                                        checkout.body(),
                                        "Idempotency-Key",
                                        checkout.key()));
        String orderId = null;
        if (reply != null && reply.status() / 100 == 2) {
            orderId = reply.json().getString("id");
            synchronized (this) {
                if (!accepted.contains(orderId)) {
                    accepted.add(orderId);
                }
            }
        }
        history.record(type, began, Instant.now(), status(reply), orderId, checkout.key());
    }

    private void cancel(String orderId) {
        Instant began = Instant.now();
        Api.Reply reply = answer(() -> Api.postJson("/orders/" + orderId + "/cancel", "{}"));
        if (reply == null || reply.status() == 503) {
            // a customer asks again later
            synchronized (this) {
                cancelAsked.remove(orderId);
            }
        }
        history.record(Type.CANCEL, began, Instant.now(), status(reply), orderId, null);
    }

    private void telemetry() {
        Instant began = Instant.now();
        String batch =
                IntStream.range(0, READINGS_PER_BATCH)
                        .mapToObj(
                                i ->
                                        "{\"sensorId\":\""
                                                + sensor
                                                + "\",\"timestamp\":\""
                                                + began.plusMillis(i)
                                                + "\",\"metric\":\"soak\",\"value\":"
                                                + i
                                                + "}")
                        .collect(Collectors.joining(",", "[", "]"));
        readingsSent.addAndGet(READINGS_PER_BATCH);
        Api.Reply reply =
                answer(
                        () ->
                                Api.postJson(
                                        "/telemetry",
                                        batch,
                                        "Batch-Id",
                                        UUID.randomUUID().toString()));
        if (reply != null && reply.status() == 202) {
            readingsAccepted.addAndGet(READINGS_PER_BATCH);
        }
        history.record(
                Type.TELEMETRY,
                began,
                Instant.now(),
                status(reply),
                null,
                String.valueOf(READINGS_PER_BATCH));
    }

    /** The answer, or null when none came (the connection refused or timed out). */
    private static Api.Reply answer(Supplier<Api.Reply> call) {
        try {
            return call.get();
        } catch (RuntimeException noAnswer) {
            return null;
        }
    }

    private static int status(Api.Reply reply) {
        return reply == null ? History.NO_ANSWER : reply.status();
    }
}
