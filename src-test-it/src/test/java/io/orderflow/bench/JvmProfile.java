package io.orderflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of WildFly during one phase, taken with {@code jcmd} (the JDK's own
 * sampling profiler with its low-overhead default settings, so no agent is needed) and boiled down
 * to where the CPU samples fall: the libraries, the hottest methods, the application's own frames,
 * and which threads were busy.
 */
final class JvmProfile {

    /** A share of the execution samples, per method or per thread. */
    record Summary(
            long samples,
            Map<String, Double> components,
            Map<String, Double> hotMethods,
            Map<String, Double> orderFlowFrames,
            Map<String, Double> threads) {}

    private static final String NAME = "orderflow-bench";

    private final long pid;
    private final Path recording;

    private JvmProfile(long pid, Path recording) {
        this.pid = pid;
        this.recording = recording;
    }

    static JvmProfile start(long pid, Path recording) throws IOException, InterruptedException {
        // WildFly's stacks run deeper than the default 64 frames; cut there, most samples would
        // miss OrderFlow's frames
        jcmd(pid, "JFR.configure", "stackdepth=512");
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=default");
        return new JvmProfile(pid, recording);
    }

    Summary stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + recording);
        List<RecordedEvent> samples = executionSamples();
        return new Summary(
                samples.size(),
                shares(samples, event -> component(event.getStackTrace().getFrames())),
                shares(samples, event -> method(event.getStackTrace().getFrames().get(0))),
                shares(
                        samples,
                        event ->
                                event.getStackTrace().getFrames().stream()
                                        .map(JvmProfile::method)
                                        .filter(method -> method.startsWith("io.orderflow."))
                                        .findFirst()
                                        .orElse("(outside OrderFlow's code)")),
                shares(samples, event -> pool(event.getThread("sampledThread").getJavaName())));
    }

    /**
     * Reads the recording event by event: it holds far more thread-park and I/O events than
     * samples.
     */
    private List<RecordedEvent> executionSamples() throws IOException {
        List<RecordedEvent> samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")
                        && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    samples.add(event);
                }
            }
        }
        return samples;
    }

    private static Map<String, Double> shares(
            List<RecordedEvent> samples, Function<RecordedEvent, String> key) {
        return samples.stream()
                .collect(Collectors.groupingBy(key, Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(15)
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e -> (double) e.getValue() / samples.size(),
                                (a, b) -> a,
                                LinkedHashMap::new));
    }

    /** The library the CPU was in: the package of the topmost frame that is not the JDK's own. */
    private static String component(List<RecordedFrame> frames) {
        return frames.stream()
                .map(frame -> frame.getMethod().getType().getName())
                .filter(
                        type ->
                                !type.startsWith("java.")
                                        && !type.startsWith("jdk.")
                                        && !type.startsWith("sun."))
                .findFirst()
                .map(
                        type ->
                                String.join(
                                        ".",
                                        List.of(type.split("\\."))
                                                .subList(
                                                        0,
                                                        Math.min(3, type.split("\\.").length - 1))))
                .orElse("(the JDK only)");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** "default-threads - 12" and "default-threads - 7" are one pool. */
    private static String pool(String thread) {
        return thread == null
                ? "(unnamed)"
                : thread.replaceAll("[- ]*\\d+$", "").replaceAll("\\d+", "n");
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                                String.valueOf(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
