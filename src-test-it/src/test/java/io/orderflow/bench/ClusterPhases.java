package io.orderflow.bench;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Cluster;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.WildFlyServer;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster mode beside the embedded figures, in the same run: the standalone broker pair with
 * one node and with two nodes behind the load balancer (the entry point takes the embedded server's
 * port, so the load is the same requests). Per topology: the checkout's latency at a fixed rate,
 * the orders fully processed per second under a load above what the machine can take and the
 * machine's CPU per order, then a kill -9 of the primary broker under the fixed rate: how long
 * until the backup serves and what the clients got meanwhile.
 */
final class ClusterPhases {

    private final BenchRun run;

    ClusterPhases(BenchRun run) {
        this.run = run;
    }

    void measure() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        var json = Json.createArrayBuilder();
        for (int nodes = 1; nodes <= run.settings.clusterNodes(); nodes++) {
            Figures figures = measure(nodes);
            rows.add(
                    List.of(
                            String.valueOf(nodes),
                            Report.ms(figures.fixedRate().percentileMillis(50)),
                            Report.ms(figures.fixedRate().percentileMillis(99)),
                            String.format(Locale.ROOT, "%.0f", figures.processedPerSecond()),
                            String.format(Locale.ROOT, "%.0f", figures.machineCpuMillisPerOrder()),
                            String.valueOf(figures.takeover().toMillis()),
                            String.valueOf(figures.duringTheKill().statuses()),
                            String.format(
                                    Locale.ROOT,
                                    "%.2f %%",
                                    100 * figures.duringTheKill().errorShare())));
            json.add(
                    Json.createObjectBuilder()
                            .add("nodes", nodes)
                            .add("fixedRate", BenchRun.json(figures.fixedRate()))
                            .add("processedPerSecond", figures.processedPerSecond())
                            .add("machineCpuMillisPerOrder", figures.machineCpuMillisPerOrder())
                            .add("backupServingAfterMillis", figures.takeover().toMillis())
                            .add("duringTheBrokerKill", BenchRun.json(figures.duringTheKill())));
        }
        run.report.section(
                "The cluster mode: the broker pair with one node and with two",
                String.format(
                        Locale.ROOT,
                        "The same EAR on the standalone Artemis primary/backup pair (shared store), behind WildFly's load "
                                + "balancer, after the embedded phases and in the same run. Checkout latency at %.0f orders/s "
                                + "for %s; orders fully processed per second and the whole machine's CPU per order under %.0f "
                                + "orders/s offered for %s (the backlog included); then, at %.0f orders/s, the primary broker "
                                + "killed (kill -9): when the backup served, and the answers of the %s around the kill. All "
                                + "of it on the same %d cores, which the nodes, the brokers, PostgreSQL and the load share: a "
                                + "second node adds no cores here.",
                        run.settings.asyncRate(),
                        run.settings.phase(),
                        run.settings.clusterCapacityRate(),
                        run.settings.phase().dividedBy(2),
                        run.settings.asyncRate(),
                        run.settings.phase(),
                        Runtime.getRuntime().availableProcessors()));
        run.report.table(
                List.of(
                        "nodes",
                        "checkout p50 ms",
                        "checkout p99 ms",
                        "fully processed orders/s",
                        "machine CPU ms per order",
                        "backup serving after ms",
                        "answers around the broker kill",
                        "errors around the kill"),
                rows);
        run.report.data("cluster", Json.createObjectBuilder().add("topologies", json));
    }

    private record Figures(
            OpenLoad.Result fixedRate,
            double processedPerSecond,
            double machineCpuMillisPerOrder,
            Duration takeover,
            OpenLoad.Result duringTheKill) {}

    private Figures measure(int nodeCount) throws Exception {
        Path folder = Path.of(System.getProperty("orderflow.bench.base")).resolveSibling("cluster");
        WildFlyServer.deleteRecursively(folder);
        Files.createDirectories(folder);
        String brokerPassword = Secrets.generated();
        String managementPassword = Secrets.generated();
        int brokerPort = Integer.getInteger("orderflow.bench.broker.port", 61746);
        try (BrokerPair pair =
                        BrokerPair.start(
                                Path.of(System.getProperty("orderflow.artemis.home")),
                                Path.of(System.getProperty("orderflow.broker.xml")),
                                folder.resolve("brokers"),
                                brokerPort,
                                brokerPort + 1,
                                brokerPassword,
                                Secrets.generated(),
                                managementPassword);
                Cluster cluster =
                        new Cluster(
                                Path.of(System.getProperty("orderflow.wildfly.home")),
                                folder,
                                Integer.getInteger("orderflow.it.port-offset", 100),
                                pair)) {
            cluster.startBalancer(console(folder, "balancer"));
            List<String> nodes = Cluster.NODES.subList(0, nodeCount);
            for (String node : nodes) {
                WildFlyServer server = cluster.node(node);
                server.prepare(false);
                server.storeCredentials(
                        run.services.database().applicationPassword(),
                        brokerPassword,
                        managementPassword);
                cluster.startNode(node, run.services.serverProperties(), console(folder, node));
            }
            cluster.deploy(Path.of(System.getProperty("orderflow.ear")), nodes);
            String who = "bench-cluster-" + nodeCount;
            run.load.run(
                    run.settings.asyncRate(),
                    run.settings.warmUp(),
                    i -> run.order(who + "-warm-up", "async"),
                    201);
            run.awaitEffectsDone(Duration.ofMinutes(2));

            OpenLoad.Result fixedRate =
                    run.load.run(
                            run.settings.asyncRate(),
                            run.settings.phase(),
                            i -> run.order(who + "-fixed", "async"),
                            201);
            run.awaitEffectsDone(Duration.ofMinutes(5));

            Instant start = Instant.now();
            long[] before = ServerWatch.machineTicks();
            run.load.run(
                    run.settings.clusterCapacityRate(),
                    run.settings.phase().dividedBy(2),
                    i -> run.order(who + "-capacity", "async"),
                    201);
            run.awaitEffectsDone(Duration.ofMinutes(10));
            double seconds =
                    Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
            long[] after = ServerWatch.machineTicks();
            long orders =
                    run.count(
                            "select count(*) from orders where customer_email like '"
                                    + who
                                    + "-capacity%'");
            double busyShare =
                    (double) (after[1] - before[1])
                            / Math.max(1, after[0] - before[0] + after[1] - before[1]);
            double machineCpuMillisPerOrder =
                    busyShare
                            * Runtime.getRuntime().availableProcessors()
                            * seconds
                            * 1000
                            / Math.max(1, orders);

            CompletableFuture<OpenLoad.Result> aroundTheKill =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return run.load.run(
                                            run.settings.asyncRate(),
                                            run.settings.phase(),
                                            i -> run.order(who + "-broker-kill", "async"),
                                            201);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException(e);
                                }
                            });
            BenchRun.pollUntil(
                    run.settings.phase(),
                    () ->
                            run.count(
                                            "select count(*) from orders where customer_email like '"
                                                    + who
                                                    + "-broker-kill%'")
                                    >= run.settings.asyncRate()
                                            * run.settings.phase().toSeconds()
                                            / 3);
            Instant killed = Instant.now();
            pair.killPrimaryAndAwaitBackup();
            Duration takeover = Duration.between(killed, Instant.now());
            OpenLoad.Result duringTheKill = aroundTheKill.join();
            run.awaitEffectsDone(Duration.ofMinutes(5));
            return new Figures(
                    fixedRate, orders / seconds, machineCpuMillisPerOrder, takeover, duringTheKill);
        }
    }

    private static ProcessBuilder.Redirect console(Path folder, String server) {
        return ProcessBuilder.Redirect.appendTo(folder.resolve(server + "-console.log").toFile());
    }
}
