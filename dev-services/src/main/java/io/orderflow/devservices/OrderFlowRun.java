package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the downstreams, then WildFly with the EAR, prints where everything is,
 * and stays in the foreground until Ctrl-C, when it stops WildFly cleanly and then the downstreams.
 * Data (database, broker journal, search index) is kept under {@code .orderflow/}, so it survives a
 * restart and a rebuild.
 */
public final class OrderFlowRun {

    private OrderFlowRun() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("orderflow.wildfly.home"));
        Path ear = Path.of(System.getProperty("orderflow.ear"));
        Path data = Path.of(System.getProperty("orderflow.data")).toAbsolutePath().normalize();
        Files.createDirectories(data);

        DevServices services = DevServices.startKept(data);
        OrderFlowServer server;
        try {
            server =
                    OrderFlowServer.start(
                            home,
                            data,
                            services.serverProperties(),
                            services.database().applicationPassword(),
                            ProcessBuilder.Redirect.INHERIT);
        } catch (Exception e) {
            // the downstreams' threads would keep Maven waiting after the failure
            services.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.stop(Duration.ofSeconds(60));
                                        services.close();
                                    } catch (Exception e) {
                                        System.err.println("OrderFlow did not stop cleanly: " + e);
                                    } finally {
                                        stopped.countDown();
                                    }
                                },
                                "orderflow-stop"));

        try {
            server.deploy(ear);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println(banner(services, data));
        server.process().waitFor();
        stopped.await();
    }

    /** Where the passwords are kept, not the passwords: the console is often copied into a log. */
    private static String banner(DevServices services, Path data) {
        return """

                ==================================================================================
                 OrderFlow is running. Ctrl-C stops it; data is kept in %s
                   API              http://localhost:8080/api/products   (orders: POST /api/orders)
                   Admin console    http://localhost:9990   user %s  password in %s
                                    (queues: Tools > Management Model > subsystem > messaging-activemq
                                     > server > default > runtime-queue)
                   Operations       http://localhost:8080/ops/   user %s  password in %s
                   Metrics          http://localhost:8080/api/metrics   user %s  password in %s
                                    (WildFly's own: http://localhost:9990/prometheus)
                   Health           http://localhost:9990/health/ready
                   API description  http://localhost:8080/openapi
                %s
                ==================================================================================
                """
                .formatted(
                        data,
                        OrderFlowServer.ADMIN_USER,
                        data.resolve("admin-password"),
                        OrderFlowServer.OPS_USER,
                        data.resolve("ops-password"),
                        OrderFlowServer.MONITORING_USER,
                        data.resolve("monitoring-password"),
                        downstreams(services, data));
    }

    /** The banner's lines for the downstreams, the same in every mode. */
    static String downstreams(DevServices services, Path data) {
        return String.join(
                "\n",
                "   Payment service  %s/__admin   (WireMock: switch latency and failures)"
                        .formatted(services.payment().baseUrl()),
                "   Warehouse        %s/__admin".formatted(services.warehouse().baseUrl()),
                ("   SMTP             127.0.0.1:%d  (read mail over IMAP at 127.0.0.1:%d, any user ="
                                + " recipient, password = recipient)")
                        .formatted(services.mail().smtpPort(), services.mail().imapPort()),
                ("   PostgreSQL       %s  user %s  password in %s\n"
                                + "                    (OrderFlow itself connects as %s, which may only read and write its"
                                + " tables)")
                        .formatted(
                                services.database().jdbcUrl(),
                                Database.ADMIN,
                                data.resolve("db-password"),
                                Database.APPLICATION));
    }
}
