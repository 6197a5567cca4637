package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The WildFly that the build configured under ear/target, run with a server base directory of its
 * own, so that its data (the Artemis journal, the search index, the transaction log) lives outside
 * the build output and survives a rebuild.
 */
public final class WildFlyServer {

    /**
     * OrderFlow's identity on the broker, and its role there (artemis-config's security settings).
     */
    public static final String BROKER_USER = "orderflow";

    public static final String BROKER_ROLE = "orderflow";

    /**
     * OrderFlow's management identity on the broker: it counts and pauses queues, and may neither
     * send nor consume.
     */
    public static final String MANAGEMENT_USER = "orderflow-management";

    public static final String MANAGEMENT_ROLE = "orderflow-management";

    private static final String HEAP =
            "-Xms256m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m";

    /** The embedded broker's configuration: one server, its broker inside. */
    public static final String EMBEDDED_BROKER = "standalone-full.xml";

    /** A cluster node's: the same, on the standalone broker pair (configure-remote-broker.cli). */
    public static final String BROKER_PAIR = "standalone-node.xml";

    private final Path home;
    private final Path base;
    private final String configuration;

    public WildFlyServer(Path home, Path base) {
        this(home, base, EMBEDDED_BROKER);
    }

    public WildFlyServer(Path home, Path base, String configuration) {
        this.home = home;
        this.base = base;
        this.configuration = configuration;
    }

    public Path base() {
        return base;
    }

    /**
     * Lays out the base directory: the configuration is taken afresh from the build (so a rebuilt
     * configuration applies), while users, the credential store with its key, and data stay as they
     * were.
     */
    public void prepare() throws IOException {
        prepare(true);
    }

    /**
     * As {@link #prepare()}; without {@code keepData} the base directory is emptied first, as the
     * tests want it.
     */
    public void prepare(boolean keepData) throws IOException {
        if (!keepData) {
            deleteRecursively(base);
        }
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(base.resolve("data"));
        try (var files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = configuration.resolve(file.getFileName());
                String name = file.getFileName().toString();
                boolean kept =
                        name.endsWith("-users.properties")
                                || name.endsWith("-roles.properties")
                                || name.endsWith("-groups.properties")
                                || name.startsWith("orderflow-credentials.");
                if (!kept || Files.notExists(target)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (kept && name.matches("orderflow-credentials\\..*|.*-users\\.properties")) {
                    // the credential store, its key and password hashes are the owner's alone
                    Secrets.ownerOnly(target);
                }
            }
        }
        deleteRecursively(configuration.resolve("standalone_xml_history"));
    }

    /**
     * OrderFlow's own identities on the broker (the user its pooled connection factory connects as,
     * the only one allowed on OrderFlow's addresses, and the one that manages the broker), and the
     * passwords WildFly reads from its credential store: the database's and these identities'.
     */
    public void storeCredentials(
            String databasePassword, String brokerPassword, String managementPassword)
            throws IOException {
        addUser(BROKER_USER, brokerPassword, true, BROKER_ROLE);
        addUser(MANAGEMENT_USER, managementPassword, true, MANAGEMENT_ROLE);
        ServerCredentials.store(
                base.resolve("configuration"),
                Map.of(
                        "db-password",
                        databasePassword,
                        "broker-password",
                        brokerPassword,
                        "broker-management-password",
                        managementPassword));
    }

    /**
     * Adds (or updates) a user of the management realm (the HAL console) or, with {@code
     * application}, of the application realm.
     */
    public void addUser(String user, String password, boolean application, String... groups)
            throws IOException {
        (application ? PropertiesRealm.APPLICATION : PropertiesRealm.MANAGEMENT)
                .put(base.resolve("configuration"), user, password, groups);
    }

    /** Starts the server in the foreground of this terminal. */
    public Process start(Map<String, String> properties) throws IOException {
        return start(properties, ProcessBuilder.Redirect.INHERIT);
    }

    public Process start(Map<String, String> properties, ProcessBuilder.Redirect output)
            throws IOException {
        return start(properties, output, List.of());
    }

    /** Starts the server with JVM options of the caller's besides the sizing: an agent, say. */
    public Process start(
            Map<String, String> properties, ProcessBuilder.Redirect output, List<String> jvmOptions)
            throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                home.resolve("bin/standalone.sh").toString(),
                                "-c",
                                configuration,
                                "-Djboss.server.base.dir=" + base));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder server =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        // standalone.conf's default heap (512 MiB) is too small once the telemetry queue holds its
        // 64 MiB cap under load; JBOSS_JAVA_SIZING replaces only the sizing and keeps the script's
        // other JVM options; orderflow.jvm-options adds the tests' own (their servers
        // compile with C1 alone), then the caller's
        server.environment()
                .putIfAbsent(
                        "JBOSS_JAVA_SIZING",
                        String.join(
                                " ",
                                HEAP,
                                System.getProperty("orderflow.jvm-options", ""),
                                String.join(" ", jvmOptions)));
        return server.start();
    }

    /**
     * Copies the EAR into the deployment scanner's folder and waits until it is deployed (or
     * failed).
     */
    public boolean deploy(Path ear, Duration timeout) throws IOException, InterruptedException {
        String name = ear.getFileName().toString();
        forgetDeployment(name);
        Files.copy(ear, deployments().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return awaitDeployed(name, timeout);
    }

    /**
     * Before a start, while the server is down: the scanner then deploys what its folder holds at
     * boot and marks it anew, so that {@link #awaitDeployed} tells when that deployment is done
     * (the marker of the last run would say so at once); copying the EAR again instead would
     * replace the boot's deployment with a second one.
     */
    public void forgetDeployment(String name) throws IOException {
        for (String marker :
                List.of(".deployed", ".failed", ".undeployed", ".isdeploying", ".pending")) {
            Files.deleteIfExists(deployments().resolve(name + marker));
        }
    }

    /**
     * Waits until the scanner marks the deployment deployed; false when it failed or took longer.
     */
    public boolean awaitDeployed(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments().resolve(name + ".deployed"))) {
                return true;
            }
            if (Files.exists(deployments().resolve(name + ".failed"))) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return false;
    }

    private Path deployments() {
        return base.resolve("deployments");
    }

    /** Removes a folder and everything in it; a folder that does not exist is fine. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (Files.notExists(directory)) {
            return;
        }
        Files.walkFileTree(
                directory,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                            throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
