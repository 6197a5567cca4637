package io.orderflow.it.cluster;

import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Cluster;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.BrokerConsole;
import io.orderflow.it.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The cluster mode as the tests start it: a broker pair afresh, WildFly's load balancer as the
 * entry point on the tests' HTTP port, and both nodes with the tests' users and settings, OrderFlow
 * deployed on each. Each part's console goes to {@code <name>-console.log} in the folder.
 */
public final class TestCluster implements AutoCloseable {

    public final BrokerPair pair;
    public final Cluster cluster;
    public final Path folder;

    private TestCluster(BrokerPair pair, Cluster cluster, Path folder) {
        this.pair = pair;
        this.cluster = cluster;
        this.folder = folder;
    }

    public static TestCluster start(Path pairFolder, Path folder) throws Exception {
        return start(pairFolder, folder, TestServices.serverProperties());
    }

    /** The same, the nodes started with {@code nodeProperties}. */
    public static TestCluster start(
            Path pairFolder, Path folder, Map<String, String> nodeProperties) throws Exception {
        BrokerPair pair = TestPairs.start(pairFolder, TestServices.brokerPassword());
        WildFlyServer.deleteRecursively(folder);
        Files.createDirectories(folder);
        Cluster cluster =
                new Cluster(
                        Path.of(System.getProperty("orderflow.wildfly.home")),
                        folder,
                        Integer.getInteger("orderflow.it.port-offset"),
                        pair);
        TestCluster started = new TestCluster(pair, cluster, folder);
        try {
            cluster.startBalancer(log(folder, "balancer"));
            for (String node : Cluster.NODES) {
                WildFlyServer server = cluster.node(node);
                server.prepare(false);
                TestServices.prepareServer(server);
                cluster.startNode(node, nodeProperties, log(folder, node));
            }
            cluster.deploy(ear(), Cluster.NODES);
            // a node the balancer knows may not have enabled its context yet: 503 until then
            await().atMost(Duration.ofMinutes(1))
                    .ignoreExceptions()
                    .until(() -> Api.get("/products").status() == 200);
        } catch (Exception | AssertionError failed) {
            started.close();
            throw failed;
        }
        return started;
    }

    /** The console of the broker that serves: the backup while the primary is down. */
    public BrokerConsole servingBroker() {
        return new BrokerConsole(
                pair.primaryProcess().isAlive() ? pair.primary : pair.backup,
                TestServices.brokerConsolePassword());
    }

    public static Path ear() {
        return Path.of(System.getProperty("orderflow.ear"));
    }

    public static ProcessBuilder.Redirect log(Path folder, String name) {
        return ProcessBuilder.Redirect.appendTo(folder.resolve(name + "-console.log").toFile());
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            pair.close();
        }
    }
}
