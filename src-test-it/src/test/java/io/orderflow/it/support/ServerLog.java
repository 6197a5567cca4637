package io.orderflow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The log of the server the Arquillian tests run against, as an operator would grep it. */
public final class ServerLog {

    private ServerLog() {}

    public static String text() {
        try {
            return Files.readString(
                    Path.of(System.getProperty("orderflow.it.wildfly.base"), "log", "server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
