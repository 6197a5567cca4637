package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the downstreams, then WildFly with the EAR, prints where everything is, and stays in the
 * foreground until Ctrl-C, when it stops WildFly cleanly and then the downstreams. Data (database, broker journal,
 * search index) is kept under {@code .orderflow/}, so it survives a restart and a rebuild.
 */
public final class OrderFlowRun {

    private OrderFlowRun() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("orderflow.wildfly.home"));
        Path ear = Path.of(System.getProperty("orderflow.ear"));
        Path data = Path.of(System.getProperty("orderflow.data")).toAbsolutePath().normalize();
        Files.createDirectories(data);

        DevServices services = DevServices.start(DevServices.Ports.fromSystemProperties(DevServices.RUN_PORTS), data, true);
        OrderFlowServer server = OrderFlowServer.start(home, data, services.serverProperties(), ProcessBuilder.Redirect.INHERIT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop(Duration.ofSeconds(60));
                services.close();
            } catch (Exception e) {
                System.err.println("OrderFlow did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "orderflow-stop"));

        try {
            server.deploy(ear);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println(banner(services, server, data));
        server.process().waitFor();
        stopped.await();
    }

    private static String banner(DevServices services, OrderFlowServer server, Path data) {
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
                """.formatted(data, OrderFlowServer.ADMIN_USER, server.adminPassword(), OrderFlowServer.OPS_USER,
                server.opsPassword(), services.payment().baseUrl(), services.warehouse().baseUrl(),
                services.mail().smtpPort(), services.mail().imapPort(), services.database().jdbcUrl(), Database.USER);
    }
}
