package io.orderflow.it.ownservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * docs/own-server.md, run as it is written: a stock WildFly 39 (standalone-full.xml, as the
 * distribution ships it) is started, the page's command blocks lay down the files and run the
 * wildfly-maven-plugin against its management interface, an order placed on it gets its six effects
 * done; the page's broker pair blocks take it to a pair started on broker.xml and back, an order
 * done each way; then the page's removal blocks undo everything: the management model equals the
 * stock one, the configuration folder holds the files it shipped with, and the server boots and
 * answers. Only the values the page asks the reader for (where the server is, the settings file,
 * the management port) are the test's.
 */
class InstallOnOwnServerIT {

    private static final Path ROOT = Path.of(System.getProperty("orderflow.root"));
    private static final Path PAGE = ROOT.resolve("docs/own-server.md");
    private static final Path STOCK = Path.of(System.getProperty("orderflow.it.own-server.stock"));
    private static final Path BASE = Path.of(System.getProperty("orderflow.it.own-server.base"));

    private static final String BROKER_PASSWORD = Secrets.generated();
    private static final String MANAGEMENT_PASSWORD = Secrets.generated();

    /** What the page tells the reader to export, with the test's values. */
    private static final List<String> READERS_VALUES =
            List.of("JBOSS_HOME", "ORDERFLOW_SETTINGS", "MANAGEMENT_PORT");

    /**
     * What WildFly itself writes into the configuration folder as it runs: its XML (compared as the
     * management model), the history of it, logging.properties (generated from the logging
     * subsystem's model) and the TLS key it generates on first use.
     */
    private static final Pattern WRITTEN_BY_WILDFLY =
            Pattern.compile(
                    "standalone.*\\.xml|standalone_xml_history/.*|logging\\.properties|application\\.keystore");

    @Test
    void the_page_installs_orderflow_on_a_stock_server_and_its_removal_gives_the_server_back()
            throws Exception {
        Path home = freshStockServer();
        Path configuration = home.resolve("standalone/configuration");
        Map<String, String> shippedFiles = files(configuration);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JBOSS_HOME", home.toString());
        environment.put("ORDERFLOW_SETTINGS", settings(null).toString());
        environment.put(
                "MANAGEMENT_PORT", System.getProperty("orderflow.it.management.port", "10090"));
        assertThat(exported(block("Your values", "```sh")))
                .as("the values the page asks for are the ones this test gives")
                .containsExactlyElementsOf(READERS_VALUES);
        assertThat(environment).containsOnlyKeys(READERS_VALUES);
        String installCommand =
                block("<!-- own-server: install -->", "```sh")
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .replace("\\", "")
                        .trim();
        assertThat(Files.readString(ROOT.resolve("README.md")))
                .as("the README gives the page's command")
                .contains(installCommand);

        Process server = start(home);
        try {
            awaitServer();
            ModelNode stockModel = Management.model();

            run("files", environment);
            // a setting left out: the command stops naming it; once the file is complete, the same
            // command finishes what the first one began
            Map<String, String> incomplete = new LinkedHashMap<>(environment);
            incomplete.put("ORDERFLOW_SETTINGS", settings("orderflow.warehouse.url").toString());
            Outcome refused = attempt("install", incomplete);
            assertThat(refused.exitCode()).as("the install without a setting").isNotZero();
            assertThat(refused.log())
                    .contains("Cannot resolve expression '${orderflow.warehouse.url}'");
            run("install", environment);
            String sku = Products.create("own-server", 10);
            awaitOrderDone(sku);
            assertThat(Files.exists(home.resolve("modules/org/postgresql/main/module.xml")))
                    .isTrue();

            try (BrokerPair pair = startPair()) {
                Map<String, String> where = pairSettings(pair);
                assertThat(keys(block("## On a broker pair of your own", "```properties")))
                        .as("the settings the page asks to add")
                        .containsExactlyElementsOf(where.keySet());
                Files.writeString(
                        Path.of(environment.get("ORDERFLOW_SETTINGS")),
                        lines(where),
                        StandardOpenOption.APPEND);
                run("remote broker", environment);
                assertThat(messagingServers()).as("the embedded broker gone").isEmpty();
                awaitOrderDone(sku);
                run("embedded broker", environment);
            }
            assertThat(messagingServers())
                    .as("the embedded broker back")
                    .containsExactly("default");
            awaitOrderDone(sku);

            run("uninstall", environment);
            run("files removed", environment);
            awaitServer();
            assertThat(Management.model()).as("the management model").isEqualTo(stockModel);
            assertThat(files(configuration))
                    .as("the configuration folder's files")
                    .isEqualTo(shippedFiles);
            assertThat(home.resolve("modules/org/postgresql/main")).doesNotExist();
            assertThat(Api.get("/products").status()).as("OrderFlow gone").isEqualTo(404);
            assertThat(Api.getAt(Api.BASE.replaceFirst("/api$", ""), "/").status())
                    .as("the server's own welcome page")
                    .isEqualTo(200);
        } finally {
            Processes.stop(server, Duration.ofSeconds(30));
        }
    }

    /** An order placed, then its six effects done. */
    private static void awaitOrderDone(String sku) {
        String orderId = Orders.place(Orders.uniqueCustomer("own-server"), sku, "1");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(
                                                Database.number(
                                                        "select count(*) from effect_events where order_id::text = ? and state = 'DONE'",
                                                        orderId))
                                        .as("the order's six effects done")
                                        .isEqualTo(Orders.EFFECTS.size()));
    }

    /**
     * A primary and its backup on broker.xml, OrderFlow's identities with the settings' passwords.
     */
    private static BrokerPair startPair() throws Exception {
        int port = Integer.getInteger("orderflow.it.broker.pair.port");
        return BrokerPair.start(
                Path.of(System.getProperty("orderflow.artemis.home")),
                Path.of(System.getProperty("orderflow.broker.xml")),
                BASE.resolve("pair"),
                port,
                port + 1,
                BROKER_PASSWORD,
                Secrets.generated(),
                MANAGEMENT_PASSWORD);
    }

    /** Where the pair listens, as the page's settings. */
    private static Map<String, String> pairSettings(BrokerPair pair) {
        Map<String, String> where = new LinkedHashMap<>();
        where.put("orderflow.broker.host", "127.0.0.1");
        where.put("orderflow.broker.primary.port", String.valueOf(pair.primaryPort));
        where.put("orderflow.broker.backup.port", String.valueOf(pair.backupPort));
        return where;
    }

    private static List<String> messagingServers() {
        ModelNode servers = Management.model().get("subsystem", "messaging-activemq", "server");
        return servers.isDefined() ? List.copyOf(servers.keys()) : List.of();
    }

    private static List<String> keys(String properties) {
        return properties.lines().map(line -> line.substring(0, line.indexOf('='))).toList();
    }

    private static String lines(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue() + "\n")
                .collect(Collectors.joining());
    }

    /** A copy of the distribution as it ships, never started before. */
    private static Path freshStockServer() throws IOException {
        WildFlyServer.deleteRecursively(BASE);
        Files.createDirectories(BASE);
        Path home = BASE.resolve(STOCK.getFileName());
        try (Stream<Path> tree = Files.walk(STOCK)) {
            for (Path source : tree.toList()) {
                Files.copy(
                        source,
                        home.resolve(STOCK.relativize(source).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return home;
    }

    /**
     * The page's settings file, pointed at the test services, readable by its owner alone; without
     * the setting named, if one is.
     */
    private static Path settings(String leftOut) throws IOException {
        Map<String, String> services = TestServices.services().serverProperties();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("orderflow.node.id", "own-server-1");
        settings.put("orderflow.db.host", "127.0.0.1");
        settings.put("orderflow.db.port", services.get("orderflow.db.port"));
        settings.put("orderflow.db.name", services.get("orderflow.db.name"));
        settings.put("orderflow.db.user", services.get("orderflow.db.user"));
        settings.put(
                "orderflow.db.password", TestServices.services().database().applicationPassword());
        settings.put("orderflow.broker.password", BROKER_PASSWORD);
        settings.put("orderflow.broker.management-password", MANAGEMENT_PASSWORD);
        settings.put("orderflow.smtp.host", "127.0.0.1");
        settings.put("orderflow.smtp.port", services.get("orderflow.smtp.port"));
        settings.put("orderflow.mail.from", "orders@own-server.test");
        settings.put("orderflow.payment.url", services.get("orderflow.payment.url"));
        settings.put("orderflow.warehouse.url", services.get("orderflow.warehouse.url"));
        settings.remove(leftOut);
        Path file =
                BASE.resolve(leftOut == null ? "orderflow.properties" : "incomplete.properties");
        Files.writeString(file, lines(settings));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Process start(Path home) throws IOException {
        ProcessBuilder server =
                new ProcessBuilder(
                                home.resolve("bin/standalone.sh").toString(),
                                "-c",
                                "standalone-full.xml",
                                "-Djboss.socket.binding.port-offset="
                                        + Integer.getInteger("orderflow.it.port-offset"))
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        BASE.resolve("server.log").toFile()));
        // standalone.conf's own sizing, and the JVM options of every server the tests start
        server.environment().put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m " + testJvmOptions());
        return server.start();
    }

    /** The options the build gives every JVM of the tests (C1 alone: they live minutes). */
    private static String testJvmOptions() {
        return System.getProperty("orderflow.jvm-options", "");
    }

    private static void awaitServer() {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> Management.serverState().equals("running"));
    }

    private record Outcome(int exitCode, String log) {}

    private static void run(String name, Map<String, String> environment)
            throws IOException, InterruptedException {
        Outcome outcome = attempt(name, environment);
        assertThat(outcome.exitCode()).as(name + ": " + tail(outcome.log())).isZero();
    }

    /**
     * Runs one of the page's marked blocks with bash as a reader would, from the repository's root.
     */
    private static Outcome attempt(String name, Map<String, String> environment)
            throws IOException, InterruptedException {
        String commands = block("<!-- own-server: " + name + " -->", "```sh");
        Path log = Files.createTempFile(BASE, name.replace(' ', '-') + "-", ".log");
        ProcessBuilder bash =
                new ProcessBuilder("bash", "-euo", "pipefail", "-c", commands)
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        bash.environment().putAll(environment);
        bash.environment().put("MAVEN_OPTS", testJvmOptions());
        Process process = bash.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(name + " finished").isTrue();
        return new Outcome(process.exitValue(), Files.readString(log));
    }

    /** The first fenced block of the given kind after the marker. */
    private static String block(String marker, String fence) throws IOException {
        String page = Files.readString(PAGE);
        int at = page.indexOf(marker);
        assertThat(at).as(marker + " in " + PAGE).isNotNegative();
        Matcher block =
                Pattern.compile(Pattern.quote(fence) + "\\n(.*?)\\n```", Pattern.DOTALL)
                        .matcher(page);
        assertThat(block.find(at)).as("a block after " + marker).isTrue();
        return block.group(1);
    }

    private static List<String> exported(String block) {
        return block.lines()
                .filter(line -> line.startsWith("export "))
                .map(line -> line.substring("export ".length(), line.indexOf('=')))
                .toList();
    }

    /** Every file under the folder but those WildFly writes itself, with a digest of its bytes. */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString();
                if (!WRITTEN_BY_WILDFLY.matcher(name).matches()) {
                    files.put(name, digest(Files.readAllBytes(file)));
                }
            }
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }
}
