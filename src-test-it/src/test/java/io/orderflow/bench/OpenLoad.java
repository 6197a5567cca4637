package io.orderflow.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model load: requests start on a fixed schedule whatever the server's answers are doing,
 * as customers arrive, and each latency is measured from the moment the request was due, not from
 * when it could be sent. A slow server therefore cannot hide its stalls by slowing the load down
 * (coordinated omission).
 */
final class OpenLoad {

    /**
     * Beyond this many requests in flight the server is not keeping up; further ones count as
     * failed, unsent.
     */
    private static final int MAX_IN_FLIGHT = 4000;

    record Result(
            double offeredPerSecond,
            long sent,
            long ok,
            long failed,
            Map<Integer, Long> statuses,
            Histogram latencyMicros) {

        double errorShare() {
            return sent == 0 ? 0 : (double) failed / sent;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0
                    ? 0
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * HTTP/1.1, a connection per request in flight, as independent clients would. The JDK client's
     * default, HTTP/2 after an h2c upgrade, multiplexes every request on one connection, and under
     * the firehose's large bodies its flow control stalled: a minute of timeouts while WildFly sat
     * idle.
     */
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /**
     * Offers {@code perSecond} requests a second for {@code duration}; request {@code i} is built
     * by {@code request}.
     */
    Result run(double perSecond, Duration duration, IntFunction<HttpRequest> request, int okStatus)
            throws InterruptedException {
        Recorder latencies = new Recorder(3);
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long total = (long) (perSecond * duration.toMillis() / 1000.0);
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet();
                statuses.merge(-1, 1L, Long::sum);
                continue;
            }
            http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete(
                            (response, error) -> {
                                latencies.recordValue(
                                        Math.max(1, (System.nanoTime() - due) / 1000));
                                int status = error != null ? 0 : response.statusCode();
                                statuses.merge(status, 1L, Long::sum);
                                (status == okStatus ? ok : failed).incrementAndGet();
                                inFlight.release();
                            });
        }
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(
                    "requests still in flight two minutes after the load ended");
        }
        return new Result(
                perSecond,
                total,
                ok.get(),
                failed.get(),
                Map.copyOf(statuses),
                latencies.getIntervalHistogram());
    }
}
