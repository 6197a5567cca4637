package io.orderflow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The log of the server the Arquillian tests run against, as an operator would grep it. */
public final class ServerLog {

    private static final int INCIDENT_LINES = 60;
    private static final int FRAMES_PER_CAUSE = 4;

    private ServerLog() {}

    public static String text() {
        try {
            return Files.readString(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server logged under an incident id its 500 answer quoted: the message and each cause
     * with the first frames under it, the way an operator reads it. Empty when this test JVM has no
     * Arquillian server (the cluster's and own servers' tests) or its log does not hold the id.
     */
    public static Optional<String> incident(String id) {
        if (System.getProperty("orderflow.it.wildfly.base") == null || !Files.isReadable(file())) {
            return Optional.empty();
        }
        List<String> lines = text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Incident " + id)) {
                return Optional.of(String.join("\n", causes(lines, i)));
            }
        }
        return Optional.empty();
    }

    private static List<String> causes(List<String> lines, int first) {
        List<String> kept = new ArrayList<>(List.of(lines.get(first)));
        int framesUnderCause = 0;
        for (int i = first + 1; i < lines.size() && kept.size() < INCIDENT_LINES; i++) {
            String line = lines.get(i);
            if (line.startsWith("\tat ") || line.startsWith("\t... ")) {
                if (framesUnderCause++ < FRAMES_PER_CAUSE) {
                    kept.add(line);
                }
            } else if (line.startsWith("Caused by: ") || line.startsWith("\tSuppressed: ")) {
                framesUnderCause = 0;
                kept.add(line);
            } else {
                break;
            }
        }
        return kept;
    }

    private static Path file() {
        return Path.of(System.getProperty("orderflow.it.wildfly.base"), "log", "server.log");
    }

    /**
     * Every order id and Idempotency-Key the database holds that the log spells out whole: each is
     * a key to an order (to read and cancel it, to replay its checkout).
     */
    public static List<String> capabilitiesIn(String log) {
        List<String> found = new ArrayList<>();
        for (String capability :
                Database.texts(
                        "select id::text from orders union all select idempotency_key from checkout_keys")) {
            if (log.contains(capability)) {
                found.add(capability);
            }
        }
        return found;
    }
}
