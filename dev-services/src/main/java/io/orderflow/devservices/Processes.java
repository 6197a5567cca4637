package io.orderflow.devservices;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stopping and stalling the servers the run command and the tests start, WildFly, the brokers and
 * PostgreSQL alike.
 */
public final class Processes {

    /** What procps' kill prints for a process that is no more. */
    private static final Pattern GONE = Pattern.compile("\\((\\d+)\\): No such process");

    private Processes() {}

    /**
     * Asks a server to shut down cleanly (SIGTERM to the java process, then to its start script),
     * as Ctrl-C does, and waits for it; kills it when it has not stopped within the timeout.
     * Returns whether it stopped on its own.
     */
    public static boolean stop(Process server, Duration timeout) throws InterruptedException {
        List<ProcessHandle> processes = new ArrayList<>(server.descendants().toList());
        processes.add(server.toHandle());
        processes.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(timeout);
        boolean stopped = true;
        for (ProcessHandle process : processes) {
            try {
                process.onExit()
                        .get(
                                Math.max(0, Duration.between(Instant.now(), deadline).toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                stopped = false;
            }
        }
        server.waitFor();
        return stopped;
    }

    /** kill -9: the server gets no chance to finish anything, as in a power cut. */
    public static void kill(Process server) throws InterruptedException {
        List<ProcessHandle> processes = new ArrayList<>(server.descendants().toList());
        processes.add(server.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Could not wait for " + process.pid() + " to die", e);
            }
        }
    }

    /**
     * Sends a signal to a process and every process under it, with {@code kill}: {@code -STOP}
     * stalls a server as one that stops answering does (connections stay open, nothing comes back),
     * {@code -CONT} lets it go on where it stopped. The parent is stopped first, so that it starts
     * nothing new meanwhile, and let go last: let go first, it reaps a child that had exited before
     * the kill names it. A child that ended between the listing and the kill (a backend whose
     * client went away) is no failure; the parent gone is.
     */
    public static void signal(ProcessHandle process, String signal)
            throws IOException, InterruptedException {
        List<String> family = new ArrayList<>();
        family.add(String.valueOf(process.pid()));
        process.descendants().forEach(p -> family.add(String.valueOf(p.pid())));
        if (signal.equals("-CONT")) {
            Collections.reverse(family);
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(family);
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0 && !onlyChildrenGone(output, process.pid())) {
            throw new IOException("kill " + signal + " failed: " + output);
        }
    }

    private static boolean onlyChildrenGone(String killOutput, long parent) {
        return killOutput
                .lines()
                .allMatch(
                        line -> {
                            Matcher gone = GONE.matcher(line);
                            return gone.find() && Long.parseLong(gone.group(1)) != parent;
                        });
    }
}
