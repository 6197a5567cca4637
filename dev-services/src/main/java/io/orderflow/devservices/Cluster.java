package io.orderflow.devservices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OrderFlow as it runs on several machines, laid out on this one: WildFly nodes on the standalone
 * broker pair (standalone-node.xml), and the entry point in front of them, WildFly's load balancer
 * (standalone-load-balancer.xml), which the nodes report to. Each part is its own process with its
 * own folder under {@code folder}; the broker pair is started apart ({@link BrokerPair}). The
 * cluster run command and the cluster tests start it alike.
 *
 * <p>Ports: the entry point has the given port offset (its HTTP port 8080 above it, and its MCMP
 * port, where nodes report, 8190 above it: WildFly's default 8090 is the run mode's warehouse);
 * node n (from 1) has the offset plus 100 n.
 */
public final class Cluster implements AutoCloseable {

    public static final List<String> NODES = List.of("node-a", "node-b");

    private static final String BALANCER = "standalone-load-balancer.xml";
    private static final int MCMP_PORT = 8190;
    private static final int NODE_OFFSET_STEP = 100;
    private static final Pattern REGISTERED_NODE = Pattern.compile("Name: ([^,]+),");
    private static final HttpClient MCMP = HttpClient.newHttpClient();

    private final Path home;
    private final Path folder;
    private final int offset;
    private final BrokerPair brokers;
    private Process balancer;
    private final Map<String, Process> nodes = new LinkedHashMap<>();

    /**
     * @param home the WildFly the build configured
     * @param folder where every node's and the entry point's base directory is kept
     * @param offset the entry point's port offset
     * @param brokers the pair the nodes use
     */
    public Cluster(Path home, Path folder, int offset, BrokerPair brokers) {
        this.home = home;
        this.folder = folder;
        this.offset = offset;
        this.brokers = brokers;
    }

    /** Starts the entry point and waits until it takes requests. */
    public void startBalancer(ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        WildFlyServer server = new WildFlyServer(home, folder.resolve("balancer"), BALANCER);
        server.prepare();
        balancer =
                server.start(
                        Map.of(
                                "jboss.socket.binding.port-offset", String.valueOf(offset),
                                "jboss.mcmp.port", String.valueOf(MCMP_PORT)),
                        output);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Loopback.accepts(httpPort())) {
            if (!balancer.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "The load balancer did not start; see "
                                + folder.resolve("balancer/log/server.log"));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** A node's server, its base directory under the cluster's folder. */
    public WildFlyServer node(String name) {
        return new WildFlyServer(home, folder.resolve(name), WildFlyServer.BROKER_PAIR);
    }

    /**
     * Starts a node prepared with {@link #node}: {@code properties} say where the downstreams are;
     * the node adds its own port offset, its name (its route at the entry point), its transaction
     * node identifier, the pair's ports and the entry point's.
     */
    public Process startNode(
            String name, Map<String, String> properties, ProcessBuilder.Redirect output)
            throws IOException {
        Map<String, String> all = new HashMap<>(properties);
        all.put("jboss.socket.binding.port-offset", String.valueOf(nodeOffset(name)));
        all.put("jboss.node.name", name);
        // recovery finds a node's in-doubt transactions by this id: unique per node, 23 bytes at
        // most
        all.put("orderflow.node.id", nodeId(name));
        all.put("orderflow.broker.primary.port", String.valueOf(brokers.primaryPort));
        all.put("orderflow.broker.backup.port", String.valueOf(brokers.backupPort));
        all.put("orderflow.balancer.port", String.valueOf(MCMP_PORT + offset));
        Process node = node(name).start(all, output);
        nodes.put(name, node);
        return node;
    }

    /**
     * Deploys the EAR on each of the started nodes, all at once (one node's deployment waits mostly
     * on itself, not on the cores), and waits until the entry point knows each: the nodes are then
     * taking requests through it.
     */
    public void deploy(Path ear, List<String> names) throws IOException, InterruptedException {
        ExecutorService deployers = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<Void>> deployments = new ArrayList<>();
            for (String name : names) {
                deployments.add(
                        deployers.submit(
                                () -> {
                                    deployOn(ear, name);
                                    return null;
                                }));
            }
            for (Future<Void> deployment : deployments) {
                try {
                    deployment.get();
                } catch (ExecutionException failed) {
                    Throwable cause = failed.getCause();
                    if (cause instanceof IOException e) {
                        throw e;
                    }
                    if (cause instanceof InterruptedException e) {
                        throw e;
                    }
                    if (cause instanceof RuntimeException e) {
                        throw e;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            deployers.shutdownNow();
        }
    }

    private void deployOn(Path ear, String name) throws IOException, InterruptedException {
        if (!node(name).deploy(ear, Duration.ofMinutes(4))) {
            throw new IllegalStateException(
                    "OrderFlow could not be deployed on "
                            + name
                            + "; see "
                            + folder.resolve(name + "/log/server.log"));
        }
        awaitRegistered(name, Duration.ofMinutes(1));
    }

    /**
     * Starts a stopped or killed node again as {@link #startNode} does, and waits until it has
     * deployed the EAR it held again and the entry point knows it.
     */
    public void restartNode(
            String name, Path ear, Map<String, String> properties, ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        WildFlyServer server = node(name);
        String deployment = ear.getFileName().toString();
        server.forgetDeployment(deployment);
        startNode(name, properties, output);
        if (!server.awaitDeployed(deployment, Duration.ofMinutes(4))) {
            throw new IllegalStateException(
                    name
                            + " did not deploy OrderFlow again; see "
                            + folder.resolve(name + "/log/server.log"));
        }
        awaitRegistered(name, Duration.ofMinutes(1));
    }

    /** A node stopped as an operator stops it (SIGTERM): it finishes what it holds and goes. */
    public void stopNode(String name) throws InterruptedException {
        Processes.stop(nodes.get(name), Duration.ofMinutes(1));
    }

    /** kill -9 of a node, as in a power cut: it does not tell the entry point. */
    public void killNode(String name) throws InterruptedException {
        Processes.kill(nodes.get(name));
    }

    /** A node's transaction node identifier: unique per node, 23 bytes at most. */
    public static String nodeId(String name) {
        return "orderflow-" + name;
    }

    /**
     * Stops a node where it is (SIGSTOP): it holds what it holds and answers nothing until it is
     * let go on ({@link #thawNode}) or killed.
     */
    public void freezeNode(String name) throws IOException, InterruptedException {
        Processes.signal(nodes.get(name).toHandle(), "-STOP");
    }

    public void thawNode(String name) throws IOException, InterruptedException {
        Processes.signal(nodes.get(name).toHandle(), "-CONT");
    }

    /** Waits until the entry point knows the node (it reports once it has started). */
    public void awaitRegistered(String name, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!registeredNodes().contains(name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        name + " did not register with the load balancer within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The nodes the entry point knows, asked over MCMP ({@code INFO}). */
    public List<String> registeredNodes() throws IOException, InterruptedException {
        HttpResponse<String> info =
                MCMP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + (MCMP_PORT + offset) + "/"))
                                .method("INFO", HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<String> names = new ArrayList<>();
        Matcher node = REGISTERED_NODE.matcher(info.body());
        while (node.find()) {
            names.add(node.group(1));
        }
        return names;
    }

    /** The entry point's HTTP port: where clients send every request. */
    public int httpPort() {
        return 8080 + offset;
    }

    /** A node's own HTTP port, bypassing the entry point. */
    public int httpPort(String name) {
        return 8080 + nodeOffset(name);
    }

    /** A node's management port (its admin console). */
    public int managementPort(String name) {
        return 9990 + nodeOffset(name);
    }

    private int nodeOffset(String name) {
        int index = NODES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("No node " + name + "; the nodes are " + NODES);
        }
        return offset + NODE_OFFSET_STEP * (index + 1);
    }

    /** Stops the nodes, then the entry point; the broker pair is its starter's to stop. */
    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes.values()) {
            if (node.isAlive()) {
                Processes.stop(node, Duration.ofSeconds(60));
            }
        }
        if (balancer != null && balancer.isAlive()) {
            Processes.stop(balancer, Duration.ofSeconds(60));
        }
    }
}
