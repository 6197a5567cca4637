package io.orderflow.it.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Several clients sending their request at the same moment, each on a thread of its own. */
public final class Race {

    private Race() {}

    /** The replies of {@code clients} calls started together, in the clients' order. */
    public static List<Api.Reply> of(int clients, IntFunction<Api.Reply> call) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Api.Reply>> racing =
                    IntStream.range(0, clients)
                            .mapToObj(
                                    i ->
                                            CompletableFuture.supplyAsync(
                                                    () -> {
                                                        awaitStart(start);
                                                        return call.apply(i);
                                                    },
                                                    threads))
                            .toList();
            start.countDown();
            return racing.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
