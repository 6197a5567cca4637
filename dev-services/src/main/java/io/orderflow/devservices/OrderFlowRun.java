package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the downstreams, then WildFly with the EAR, prints where everything is, and stays in the
 * foreground until Ctrl-C, when it stops WildFly cleanly and then the downstreams. Data (database, broker journal,
 * search index) is kept under {@code .orderflow/}, so it survives a restart and a rebuild.
 */
public final class OrderFlowRun {

    private static final String ADMIN_USER = "orderflow-admin";
    private static final String OPS_USER = "orderflow-ops";

    private OrderFlowRun() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("orderflow.wildfly.home"));
        Path ear = Path.of(System.getProperty("orderflow.ear"));
        Path data = Path.of(System.getProperty("orderflow.data")).toAbsolutePath().normalize();
        Files.createDirectories(data);

        DevServices services = DevServices.start(DevServices.Ports.fromSystemProperties(DevServices.RUN_PORTS), data, true);
        WildFlyServer wildFly = new WildFlyServer(home, data.resolve("wildfly"));
        wildFly.prepare();
        String adminPassword = password(data.resolve("admin-password"));
        wildFly.addUser(ADMIN_USER, adminPassword, false);
        String opsPassword = password(data.resolve("ops-password"));
        wildFly.addUser(OPS_USER, opsPassword, true, "ops");

        Process server = wildFly.start(services.serverProperties());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                WildFlyServer.stop(server, Duration.ofSeconds(60));
                services.close();
            } catch (Exception e) {
                System.err.println("OrderFlow did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "orderflow-stop"));

        if (!wildFly.deploy(ear, Duration.ofMinutes(5))) {
            System.err.println("OrderFlow could not be deployed; see the server log above and "
                    + wildFly.base().resolve("log/server.log"));
            System.exit(1);
        }
        System.out.println(banner(services, adminPassword, opsPassword, data));
        server.waitFor();
        stopped.await();
    }

    /** A password generated on first use and kept (owner-readable only) in the data folder, never in the repository. */
    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-1a";
        Files.writeString(file, password);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private static String banner(DevServices services, String adminPassword, String opsPassword, Path data) {
        return """

                ==================================================================================
                 OrderFlow is running. Ctrl-C stops it; data is kept in %s
                   API              http://localhost:8080/api/products   (orders: POST /api/orders)
                   Admin console    http://localhost:9990   user %s  password %s
                                    (Runtime > Server > Subsystems > Messaging > Server default: queues)
                   Operations       http://localhost:8080/api/ops/dead-letters   user %s  password %s
                   Payment service  %s/__admin   (WireMock: switch latency and failures)
                   Warehouse        %s/__admin
                   SMTP             127.0.0.1:%d  (read mail over IMAP at 127.0.0.1:%d, any user = recipient, password = recipient)
                   PostgreSQL       %s  user %s
                ==================================================================================
                """.formatted(data, ADMIN_USER, adminPassword, OPS_USER, opsPassword, services.payment().baseUrl(), services.warehouse().baseUrl(),
                services.mail().smtpPort(), services.mail().imapPort(), services.database().jdbcUrl(), Database.USER);
    }
}
