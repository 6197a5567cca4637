package io.orderflow.bench;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * Samples WildFly's heap (through its management model) and resident memory (from /proc) every second, keeping the
 * peak of each since the last {@link #peaks()}, so that each phase of the benchmark gets its own peaks.
 */
final class ServerWatch implements AutoCloseable {

    record Peaks(long heapMiB, long residentMiB) {
    }

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final ModelControllerClient management;
    private final long pid;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakResident = new AtomicLong();

    ServerWatch(int managementPort, long pid) throws UnknownHostException {
        this.management = ModelControllerClient.Factory.create("127.0.0.1", managementPort);
        this.pid = pid;
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The peaks since the last call, and a fresh start for the next phase. */
    Peaks peaks() {
        sample();
        return new Peaks(peakHeap.getAndSet(0) >> 20, peakResident.getAndSet(0) >> 20);
    }

    private void sample() {
        try {
            ModelNode op = new ModelNode();
            op.get("operation").set("read-attribute");
            op.get("address").add("core-service", "platform-mbean").add("type", "memory");
            op.get("name").set("heap-memory-usage");
            ModelNode result = management.execute(op);
            if ("success".equals(result.get("outcome").asString())) {
                peakHeap.accumulateAndGet(result.get("result", "used").asLong(), Math::max);
            }
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    peakResident.accumulateAndGet(kib * 1024, Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a missed sample is no reason to stop the benchmark; the next second samples again
        }
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        management.close();
    }
}
