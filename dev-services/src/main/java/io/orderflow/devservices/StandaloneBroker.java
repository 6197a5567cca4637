package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ActiveMQ Artemis broker: an instance created from the distribution Maven resolves
 * ({@code org.apache.activemq:apache-artemis}, {@code bin}), run with artemis-config's {@code
 * broker.xml} as it is, so that it has the addresses, diverts, queues, address settings,
 * duplicate-id cache and security of the broker embedded in WildFly. The instance folder keeps its
 * journal across restarts.
 */
public final class StandaloneBroker {

    /**
     * Signs in to the broker's web console (role {@code amq}); may not touch OrderFlow's addresses.
     */
    public static final String ADMIN_USER = "orderflow-admin";

    private static final String ADMIN_ROLE = "amq";
    private static final String PROFILE_MARKER = "# OrderFlow";

    private final Path home;
    private final Path instance;
    private final int port;
    private final int consolePort;

    /**
     * @param home the unpacked distribution
     * @param instance the broker's own folder: configuration, users, journal, log
     * @param port the acceptor's port, for the core protocol
     * @param consolePort the web console's (and Jolokia's) port
     */
    public StandaloneBroker(Path home, Path instance, int port, int consolePort) {
        this.home = home;
        this.instance = instance;
        this.port = port;
        this.consolePort = consolePort;
    }

    /**
     * Creates the instance the first time, then puts the given {@code broker.xml} and the two users
     * in place; the passwords go to the instance's user file (readable by its owner only), never on
     * a command line.
     */
    public void prepare(
            Path brokerXml, String adminPassword, String brokerPassword, String managementPassword)
            throws IOException, InterruptedException {
        if (Files.notExists(instance.resolve("bin/artemis"))) {
            create();
        }
        Path etc = instance.resolve("etc");
        Secrets.write(etc.resolve("broker.xml"), withClusterPassword(Files.readString(brokerXml)));
        Secrets.write(
                etc.resolve("artemis-users.properties"),
                ADMIN_USER
                        + " = "
                        + adminPassword
                        + "\n"
                        + WildFlyServer.BROKER_USER
                        + " = "
                        + brokerPassword
                        + "\n"
                        + WildFlyServer.MANAGEMENT_USER
                        + " = "
                        + managementPassword
                        + "\n");
        Files.writeString(
                etc.resolve("artemis-roles.properties"),
                ADMIN_ROLE
                        + " = "
                        + ADMIN_USER
                        + "\n"
                        + WildFlyServer.BROKER_ROLE
                        + " = "
                        + WildFlyServer.BROKER_USER
                        + "\n"
                        + WildFlyServer.MANAGEMENT_ROLE
                        + " = "
                        + WildFlyServer.MANAGEMENT_USER
                        + "\n");
    }

    /**
     * Artemis lets its cluster user past every permission check, and ships with the password {@code
     * CHANGE ME!!}: a broker.xml that names none (artemis-config's, for one broker alone) gets a
     * generated one. A pair's names its own.
     */
    private static String withClusterPassword(String brokerXml) {
        return brokerXml.contains("<cluster-password>")
                ? brokerXml
                : brokerXml.replace(
                        "</core>",
                        "    <cluster-password>"
                                + Secrets.generated()
                                + "</cluster-password>\n    </core>");
    }

    private void create() throws IOException, InterruptedException {
        Files.createDirectories(instance.getParent());
        // a throwaway password: prepare() writes the real one into the user file
        Process create =
                new ProcessBuilder(
                                home.resolve("bin/artemis").toString(),
                                "create",
                                instance.toString(),
                                "--silent",
                                "--no-autotune",
                                "--require-login",
                                "--user",
                                ADMIN_USER,
                                "--password",
                                Secrets.generated(),
                                "--role",
                                ADMIN_ROLE,
                                "--host",
                                "127.0.0.1",
                                "--http-host",
                                "127.0.0.1",
                                "--http-port",
                                String.valueOf(consolePort),
                                "--java-memory",
                                "512M")
                        .redirectErrorStream(true)
                        .redirectOutput(
                                instance.getParent()
                                        .resolve(instance.getFileName() + "-create.log")
                                        .toFile())
                        .start();
        if (!create.waitFor(2, TimeUnit.MINUTES) || create.exitValue() != 0) {
            throw new IllegalStateException(
                    "artemis create failed for " + instance + "; see its -create.log beside it");
        }
        // broker.xml names its acceptor's port as a system property, so that several brokers fit on
        // one machine; orderflow.jvm-options adds the tests' own options (C1 alone)
        Files.writeString(
                instance.resolve("etc/artemis.profile"),
                "\n"
                        + PROFILE_MARKER
                        + "\nJAVA_ARGS=\"$JAVA_ARGS -Dorderflow.broker.port="
                        + port
                        + " "
                        + System.getProperty("orderflow.jvm-options", "")
                        + "\"\n",
                StandardOpenOption.APPEND);
    }

    /** Starts the broker and waits until its acceptor and its console take connections. */
    public Process start(Duration timeout) throws IOException, InterruptedException {
        Process broker = launch();
        Instant deadline = Instant.now().plus(timeout);
        awaitPort(broker, port, deadline, "become active");
        // the console's web server comes up after the acceptor
        awaitPort(broker, consolePort, deadline, "open its console");
        return broker;
    }

    /**
     * Starts the broker without waiting: a backup of a pair opens its acceptor only once it takes
     * over.
     */
    public Process launch() throws IOException {
        // a session of its own: Ctrl-C in the run command's terminal reaches every process in its
        // group, and a broker stopped at once would leave the nodes still stopping without it; the
        // run command stops the brokers itself, after the nodes
        return new ProcessBuilder("setsid", instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(
                                instance.resolve("log/console.log").toFile()))
                .start();
    }

    /** Waits until the broker's acceptor takes connections; kills the broker if it never does. */
    public void awaitActive(Process broker, Duration timeout)
            throws IOException, InterruptedException {
        awaitPort(broker, port, Instant.now().plus(timeout), "become active");
    }

    private void awaitPort(Process broker, int awaited, Instant deadline, String what)
            throws IOException, InterruptedException {
        while (!Loopback.accepts(awaited)) {
            if (!broker.isAlive() || Instant.now().isAfter(deadline)) {
                Processes.kill(broker);
                throw new IllegalStateException(
                        "The broker in "
                                + instance
                                + " did not "
                                + what
                                + "; see its log/console.log");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Whether the broker serves: only an active broker opens its acceptor. */
    public boolean isActive() {
        return Loopback.accepts(port);
    }

    /** Where clients connect: the core protocol on loopback. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The Artemis web console; Jolokia answers below it, at {@code /jolokia}. */
    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort + "/console";
    }

    public Path instance() {
        return instance;
    }
}
