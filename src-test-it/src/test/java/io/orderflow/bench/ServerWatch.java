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
 * Samples WildFly's heap (through its management model) and resident memory (from /proc) every
 * second, keeping the peak of each since the last {@link #peaks()}, so that each phase of the
 * benchmark gets its own peaks; and, from /proc as well, how much CPU WildFly and the whole machine
 * used over the phase.
 */
final class ServerWatch implements AutoCloseable {

    /**
     * Peak memory; the heap still in use after a full collection at the end of the phase (what the
     * phase left behind: flat from phase to phase means nothing accumulates); the average number of
     * cores WildFly kept busy and the share of the machine's CPU in use.
     */
    record Peaks(
            long heapMiB,
            long residentMiB,
            long liveHeapMiB,
            double wildFlyCores,
            double machineBusy) {

        /** WildFly's CPU time per unit of work done over {@code seconds}. */
        double wildFlyCpuMillisPer(long units, double seconds) {
            return wildFlyCores * seconds * 1000 / Math.max(1, units);
        }

        /**
         * The whole machine's CPU time per unit of work done over {@code seconds}: WildFly,
         * PostgreSQL, the downstreams and the load generator.
         */
        double machineCpuMillisPer(long units, double seconds) {
            return machineBusy
                    * Runtime.getRuntime().availableProcessors()
                    * seconds
                    * 1000
                    / Math.max(1, units);
        }
    }

    /**
     * Linux reports CPU time in ticks of 1/100 s (USER_HZ) on every architecture it runs OrderFlow
     * on.
     */
    private static final double TICKS_PER_SECOND = 100;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final ModelControllerClient management;
    private final long pid;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakResident = new AtomicLong();
    private long phaseStartNanos;
    private long phaseStartServerTicks;
    private long[] phaseStartMachineTicks;

    ServerWatch(int managementPort, long pid) throws UnknownHostException {
        this.management = ModelControllerClient.Factory.create("127.0.0.1", managementPort);
        this.pid = pid;
        startPhase();
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The peaks since the last call, and a fresh start for the next phase. */
    Peaks peaks() {
        sample();
        double seconds = (System.nanoTime() - phaseStartNanos) / 1e9;
        double serverSeconds = (serverTicks() - phaseStartServerTicks) / TICKS_PER_SECOND;
        long[] machine = machineTicks();
        double busy = machine[1] - phaseStartMachineTicks[1];
        double total = busy + machine[0] - phaseStartMachineTicks[0];
        startPhase();
        return new Peaks(
                peakHeap.getAndSet(0) >> 20,
                peakResident.getAndSet(0) >> 20,
                liveHeap() >> 20,
                serverSeconds / Math.max(0.001, seconds),
                total == 0 ? 0 : busy / total);
    }

    /**
     * Heap used right after a full collection, asked of the server through its platform MBeans; -1
     * if it did not answer.
     */
    private long liveHeap() {
        try {
            ModelNode gc = new ModelNode();
            gc.get("operation").set("gc");
            gc.get("address").add("core-service", "platform-mbean").add("type", "memory");
            management.execute(gc);
            ModelNode result = management.execute(heapUsage());
            return "success".equals(result.get("outcome").asString())
                    ? result.get("result", "used").asLong()
                    : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static ModelNode heapUsage() {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").add("core-service", "platform-mbean").add("type", "memory");
        op.get("name").set("heap-memory-usage");
        return op;
    }

    private void startPhase() {
        phaseStartNanos = System.nanoTime();
        phaseStartServerTicks = serverTicks();
        phaseStartMachineTicks = machineTicks();
    }

    /**
     * User and system time of WildFly's JVM: fields 14 and 15 of /proc/[pid]/stat, counted after
     * the command's ")".
     */
    private long serverTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Idle (idle and iowait) and busy ticks of all CPUs together, from the first line of
     * /proc/stat.
     */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long all = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            return new long[] {idle, all - idle};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private void sample() {
        try {
            ModelNode result = management.execute(heapUsage());
            if ("success".equals(result.get("outcome").asString())) {
                peakHeap.accumulateAndGet(result.get("result", "used").asLong(), Math::max);
            }
            for (String line :
                    Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
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
