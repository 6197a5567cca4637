package io.orderflow.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster run command: the downstreams as in the run command, the standalone broker pair, two
 * WildFly nodes on it with the EAR, and the load balancer in front of them; prints where everything
 * is and stays in the foreground until Ctrl-C, when it stops the nodes, the entry point, the
 * brokers and the downstreams, in that order. Data is kept under {@code .orderflow/cluster/}; each
 * server's console goes to a file there.
 */
public final class ClusterRun {

    private static final int BROKER_PORT = 61616;
    private static final int BROKER_CONSOLE_PORT = 8161;

    private ClusterRun() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("orderflow.wildfly.home"));
        Path ear = Path.of(System.getProperty("orderflow.ear"));
        Path data = Path.of(System.getProperty("orderflow.data")).toAbsolutePath().normalize();
        Files.createDirectories(data);

        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopAll(started, stopped), "orderflow-stop"));
        try {
            DevServices services = DevServices.startKept(data);
            started.add(services);
            BrokerPair brokers =
                    BrokerPair.start(
                            Path.of(System.getProperty("orderflow.artemis.home")),
                            Path.of(System.getProperty("orderflow.broker.xml")),
                            data.resolve("brokers"),
                            BROKER_PORT,
                            BROKER_CONSOLE_PORT,
                            Secrets.kept(data.resolve("broker-password")),
                            Secrets.kept(data.resolve("broker-admin-password")),
                            Secrets.kept(data.resolve("broker-management-password")));
            started.add(0, brokers);
            Cluster cluster = new Cluster(home, data, 0, brokers);
            started.add(0, cluster);
            cluster.startBalancer(console(data, "balancer"));
            for (String node : Cluster.NODES) {
                OrderFlowServer.prepare(
                        cluster.node(node), data, services.database().applicationPassword());
                cluster.startNode(node, services.serverProperties(), console(data, node));
            }
            cluster.deploy(ear, Cluster.NODES);
            System.out.println(banner(services, cluster, data));
        } catch (Exception e) {
            System.err.println("The cluster did not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Stops what started, the last started first; Ctrl-C and a failed start end here. */
    private static void stopAll(List<AutoCloseable> started, CountDownLatch stopped) {
        try {
            for (AutoCloseable part : started) {
                part.close();
            }
        } catch (Exception e) {
            System.err.println("The cluster did not stop cleanly: " + e);
        } finally {
            stopped.countDown();
        }
    }

    private static ProcessBuilder.Redirect console(Path data, String server) {
        return ProcessBuilder.Redirect.appendTo(data.resolve(server + "-console.log").toFile());
    }

    /** Where the passwords are kept, not the passwords: the console is often copied into a log. */
    private static String banner(DevServices services, Cluster cluster, Path data) {
        String a = Cluster.NODES.get(0);
        String b = Cluster.NODES.get(1);
        return """

                ==================================================================================
                 OrderFlow runs as a cluster. Ctrl-C stops it; data and each server's console log in %s
                   API (entry point) http://localhost:%d/api/products   (orders: POST /api/orders)
                   Operations        http://localhost:%d/ops/   user %s  password in %s
                   Nodes             %s http://localhost:%d/api   %s http://localhost:%d/api   (each bypassing the entry point)
                   Admin consoles    %s http://localhost:%d   %s http://localhost:%d   user %s  password in %s
                                     (each node's /health/ready and /prometheus on the same port)
                   Metrics           each node's /api/metrics (not the entry point's: one node's figures)
                                     user %s  password in %s
                   Artemis console   http://localhost:%d/console (primary)   http://localhost:%d/console (backup, once it serves)
                                     user %s  password in %s
                %s
                ==================================================================================
                """
                .formatted(
                        data,
                        cluster.httpPort(),
                        cluster.httpPort(),
                        OrderFlowServer.OPS_USER,
                        data.resolve("ops-password"),
                        a,
                        cluster.httpPort(a),
                        b,
                        cluster.httpPort(b),
                        a,
                        cluster.managementPort(a),
                        b,
                        cluster.managementPort(b),
                        OrderFlowServer.ADMIN_USER,
                        data.resolve("admin-password"),
                        OrderFlowServer.MONITORING_USER,
                        data.resolve("monitoring-password"),
                        BROKER_CONSOLE_PORT,
                        BROKER_CONSOLE_PORT + 1,
                        StandaloneBroker.ADMIN_USER,
                        data.resolve("broker-admin-password"),
                        OrderFlowRun.downstreams(services, data));
    }
}
