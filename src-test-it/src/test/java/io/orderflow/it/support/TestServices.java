package io.orderflow.it.support;

import io.orderflow.devservices.DevServices;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the downstreams once for the whole test run, before Arquillian starts WildFly (the
 * persistence unit needs the database at deployment), and lays out the server's base directory with
 * a messaging user for the tests' own JMS client. Everything starts empty.
 */
public class TestServices implements LauncherSessionListener {

    public static final String JMS_USER = "orderflow-it";

    /**
     * A user with the role ops, one with the role staff, and one with neither, for the staff
     * endpoints.
     */
    public static final String OPS_USER = "orderflow-ops-it";

    public static final String STAFF_USER = "orderflow-staff-it";
    public static final String CLERK_USER = "orderflow-clerk-it";

    /**
     * An operator only ever sent with wrong passwords, by AccessIT: WildFly locks a user out after
     * repeated wrong passwords, which must not lock out the users the other tests log in as.
     */
    public static final String MISTYPED_USER = "orderflow-mistyped-it";

    /** What the tests read OrderFlow's metrics as: the role monitoring alone. */
    public static final String MONITORING_USER = "orderflow-prometheus-it";

    /** An administrator of the management realm, for WildFly's own console (HAL). */
    public static final String ADMIN_USER = "orderflow-admin-it";

    private static DevServices services;
    private static String jmsPassword;
    private static String opsPassword;
    private static String brokerPassword;
    private static String managementPassword;
    private static String adminPassword;
    private static String monitoringPassword;
    private static String brokerConsolePassword;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("orderflow.it.data") == null) {
            return;
        }
        int offset = Integer.getInteger("orderflow.it.port-offset");
        // what a server on the test JVM's offset answers on, for the tests and for arquillian.xml
        System.setProperty("orderflow.it.http.port", String.valueOf(8080 + offset));
        System.setProperty("orderflow.it.management.port", String.valueOf(9990 + offset));
        try {
            services =
                    DevServices.start(
                            DevServices.Ports.fromSystemProperties(DevServices.RUN_PORTS),
                            Path.of(System.getProperty("orderflow.it.data")),
                            false,
                            Secrets.generated(),
                            Secrets.generated(),
                            io.orderflow.devservices.Database.Durability.FAST);
            WildFlyServer wildFly = ownWildFly("orderflow.it.wildfly.base");
            wildFly.prepare(false);
            jmsPassword = Secrets.generated();
            opsPassword = Secrets.generated();
            brokerPassword = Secrets.generated();
            managementPassword = Secrets.generated();
            adminPassword = Secrets.generated();
            monitoringPassword = Secrets.generated();
            brokerConsolePassword = Secrets.generated();
            prepareServer(wildFly);
            System.setProperty(
                    "orderflow.it.server-properties",
                    serverProperties().entrySet().stream()
                            .map(p -> "-D" + p.getKey() + "=" + p.getValue())
                            .collect(Collectors.joining(" ")));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test services", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (services != null) {
            try {
                services.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the test services", e);
            }
        }
    }

    /**
     * What a server under test needs besides its configuration: the credentials it reads (the
     * database's, OrderFlow's broker identity's) and the tests' users (a messaging client with
     * WildFly's default role guest, an operator, a member of staff, a clerk with neither role, an
     * operator who mistypes).
     */
    public static void prepareServer(WildFlyServer wildFly) throws IOException {
        wildFly.storeCredentials(
                services.database().applicationPassword(), brokerPassword, managementPassword);
        wildFly.addUser(JMS_USER, jmsPassword, true, "guest");
        wildFly.addUser(OPS_USER, opsPassword, true, "ops");
        wildFly.addUser(STAFF_USER, opsPassword, true, "staff");
        wildFly.addUser(CLERK_USER, opsPassword, true, "clerk");
        wildFly.addUser(MISTYPED_USER, opsPassword, true, "ops");
        wildFly.addUser(ADMIN_USER, adminPassword, false);
        wildFly.addUser(MONITORING_USER, monitoringPassword, true, "monitoring");
    }

    /**
     * What a server under test is started with: where its downstreams are, a dead-letter watch that
     * sweeps every 300 ms instead of every 5 s, so that the tests race it often, and the
     * synchronous baseline switched on. The payment service is given 2 s instead of 5, so the tests
     * that make it slower than that wait less. A payment attempt counts as abandoned after 30 s
     * instead of 60 (twice the slowest checkout the stall test sees) and the sweep looks every 5 s
     * instead of 30, so the crash tests see the voids sooner; stock holds lapse and are swept
     * alike. The effects' kill switches are off: the failure tests prove what the broker's
     * redelivery and dead-letter settings do, which a switch pausing the queue after 20 failures
     * would change; KillSwitchIT proves the switch on a server of its own.
     */
    public static Map<String, String> serverProperties() {
        Map<String, String> properties = new LinkedHashMap<>(services.serverProperties());
        properties.put("orderflow.dead-letters.watch-interval-millis", "300");
        properties.put("orderflow.checkout.sync-baseline", "true");
        properties.put("orderflow.effects.kill-switch.failures-in-a-row", "0");
        properties.put("orderflow.payment.timeout-millis", "2000");
        properties.put("orderflow.payment.abandoned-after-seconds", "30");
        properties.put("orderflow.payment.abandoned-sweep-seconds", "5");
        properties.put("orderflow.checkout.hold-lapses-after-seconds", "15");
        properties.put("orderflow.checkout.hold-sweep-seconds", "2");
        properties.put("orderflow.health.held-threshold-seconds", "5");
        // so that an event older than that without its order's row is soon judged: ForgedEventsIT
        // keeps a real order's rows in doubt for longer
        properties.put("orderflow.effects.unrecorded-grace-seconds", "2");
        return properties;
    }

    /**
     * The same, for a server a test starts itself, on the ports Arquillian's server has (never both
     * at once).
     */
    public static Map<String, String> ownServerProperties() {
        Map<String, String> properties = serverProperties();
        properties.put(
                "jboss.socket.binding.port-offset", System.getProperty("orderflow.it.port-offset"));
        return properties;
    }

    /**
     * The WildFly that ear/ configured, run from a base directory of a test's own: the one the
     * system property names.
     */
    public static WildFlyServer ownWildFly(String baseProperty) {
        return new WildFlyServer(
                Path.of(System.getProperty("orderflow.wildfly.home")),
                Path.of(System.getProperty(baseProperty)));
    }

    /**
     * A server of a test's own, laid out afresh, started with these properties (its console in
     * {@code console.log} of its base) and OrderFlow deployed on it.
     */
    public static Process startOwnServer(WildFlyServer wildFly, Map<String, String> properties)
            throws IOException, InterruptedException {
        wildFly.prepare(false);
        prepareServer(wildFly);
        Process server =
                wildFly.start(
                        properties,
                        ProcessBuilder.Redirect.appendTo(
                                wildFly.base().resolve("console.log").toFile()));
        if (!wildFly.deploy(Path.of(System.getProperty("orderflow.ear")), Duration.ofMinutes(3))) {
            throw new IllegalStateException("OrderFlow did not deploy on " + wildFly.base());
        }
        return server;
    }

    public static DevServices services() {
        if (services == null) {
            throw new IllegalStateException(
                    "The test services run only under failsafe (mvn verify)");
        }
        return services;
    }

    public static String jmsPassword() {
        return jmsPassword;
    }

    /** The password of OrderFlow's own identity on the broker, for the tests' own producer. */
    public static String brokerPassword() {
        return brokerPassword;
    }

    /** The password of OrderFlow's management identity on the broker. */
    public static String managementPassword() {
        return managementPassword;
    }

    /** Every password of this run, to look for where they are written. */
    public static List<String> secrets() {
        return List.of(
                jmsPassword,
                opsPassword,
                brokerPassword,
                managementPassword,
                adminPassword,
                monitoringPassword,
                brokerConsolePassword,
                services.database().password(),
                services.database().applicationPassword());
    }

    /** The password of the management realm's administrator, generated for this run. */
    public static String adminPassword() {
        return adminPassword;
    }

    /** The password of the standalone brokers' console administrator, generated for this run. */
    public static String brokerConsolePassword() {
        return brokerConsolePassword;
    }

    /** The password of the monitoring user, generated for this run. */
    public static String monitoringPassword() {
        return monitoringPassword;
    }

    /** The password of the ops user, the staff user and the clerk, generated for this run. */
    public static String opsPassword() {
        return opsPassword;
    }
}
