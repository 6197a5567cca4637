package io.orderflow.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WildFly node configured by configure-remote-broker.cli (no broker of its own; its pooled
 * connection factory on the standalone pair) runs OrderFlow unchanged. The primary broker is killed
 * with kill -9 while orders arrive: the node fails over to the backup on its own, checkouts are
 * accepted again, and every accepted order gets each of its six effects once, with nothing left in
 * doubt.
 */
class RemoteBrokerNodeIT {

    /** Orders accepted before the primary broker is killed. */
    private static final int BEFORE_THE_KILL = 40;

    /**
     * Orders asked after the kill that must be accepted before the load stops, within {@link
     * #ACCEPTED_AGAIN_WITHIN}. It can take a while: a checkout left in doubt by the kill can keep
     * the row of its product locked until recovery settles it, and every order here is for that one
     * product.
     */
    private static final int AFTER_THE_KILL = 40;

    private static final Duration ACCEPTED_AGAIN_WITHIN = Duration.ofMinutes(2);

    private final WildFlyServer node =
            new WildFlyServer(
                    Path.of(System.getProperty("orderflow.wildfly.home")),
                    Path.of(System.getProperty("orderflow.it.node.base")),
                    WildFlyServer.BROKER_PAIR);
    private BrokerPair pair;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            Processes.stop(server, Duration.ofSeconds(60));
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void a_node_on_the_pair_fails_over_with_the_broker_and_every_accepted_order_completes_once()
            throws Exception {
        pair = TestPairs.start("orderflow.it.node.pair", TestServices.brokerPassword());
        node.prepare(false);
        TestServices.prepareServer(node);
        Map<String, String> properties = TestServices.ownServerProperties();
        properties.put("orderflow.broker.primary.port", String.valueOf(pair.primaryPort));
        properties.put("orderflow.broker.backup.port", String.valueOf(pair.backupPort));
        properties.put("orderflow.node.id", "orderflow-node-a");
        server =
                node.start(
                        properties,
                        ProcessBuilder.Redirect.appendTo(
                                node.base().resolve("console.log").toFile()));
        assertThat(node.deploy(Path.of(System.getProperty("orderflow.ear")), Duration.ofMinutes(3)))
                .as("deployed")
                .isTrue();

        Set<String> standingBefore = Downstreams.authorizationsStanding();
        String customers = "node-" + System.nanoTime();
        String sku = Products.create("node", 100_000);
        Orders.awaitAllDone(Orders.place(Orders.uniqueCustomer(customers), sku, "1"));

        List<String> accepted = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicReference<Instant> firstAcceptedAfterTheKill = new AtomicReference<>();
        AtomicLong slowestMillis = new AtomicLong();
        AtomicInteger acceptedAfterTheKill = new AtomicInteger();
        AtomicReference<Instant> killed = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            clients.submit(
                    () -> {
                        while (!stop.get()) {
                            Instant asked = Instant.now();
                            Api.Reply reply =
                                    Api.postJson(
                                            "/orders",
                                            Orders.body(
                                                    Orders.uniqueCustomer(customers),
                                                    "tok_ok",
                                                    sku,
                                                    "1"));
                            statuses.merge(reply.status(), 1, Integer::sum);
                            slowestMillis.accumulateAndGet(
                                    Duration.between(asked, Instant.now()).toMillis(), Math::max);
                            if (reply.status() == 201) {
                                accepted.add(reply.json().getString("id"));
                                // asked after the kill: it went through the backup
                                if (killed.get() != null && asked.isAfter(killed.get())) {
                                    firstAcceptedAfterTheKill.compareAndSet(null, Instant.now());
                                    acceptedAfterTheKill.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    });
        }
        Duration takeover;
        try {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> accepted.size() >= BEFORE_THE_KILL);
            killed.set(Instant.now());
            pair.killPrimaryAndAwaitBackup();
            takeover = Duration.between(killed.get(), Instant.now());
            await().atMost(ACCEPTED_AGAIN_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () ->
                                    assertThat(firstAcceptedAfterTheKill.get())
                                            .as("a checkout asked after the kill accepted")
                                            .isNotNull());
            await().atMost(ACCEPTED_AGAIN_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> acceptedAfterTheKill.get() >= AFTER_THE_KILL);
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        System.out.printf(
                "broker failover under a node: %d checkouts, answers %s, slowest %d ms; the backup served %d ms"
                        + " after the kill; the first checkout asked after the kill was accepted %d ms after it%n",
                statuses.values().stream().mapToInt(Integer::intValue).sum(),
                statuses,
                slowestMillis.get(),
                takeover.toMillis(),
                Duration.between(killed.get(), firstAcceptedAfterTheKill.get()).toMillis());
        assertThat(statuses.keySet()).as("every answer a 201 or a 503").isSubsetOf(201, 503);

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            for (String orderId : accepted) {
                                assertThat(Orders.effects(orderId).toString())
                                        .as(orderId)
                                        .doesNotContain(
                                                "\"PENDING\"", "\"RETRYING\"", "\"DEAD_LETTERED\"");
                            }
                        });
        for (String orderId : accepted) {
            Orders.awaitAllDone(orderId);
        }
        assertThat(
                        Database.number(
                                "select count(*) from processed_messages p join orders o on o.id = p.order_id"
                                        + " where o.customer_email like ?",
                                customers + "%"))
                .as("each effect applied each accepted order's event once")
                .isEqualTo(6L * (accepted.size() + 1));
        assertThat(Products.reserved(sku))
                .as("stock held by the accepted orders")
                .isEqualTo(accepted.size() + 1);
        Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(4));
        // a checkout the failover failed left no authorization standing
        Checker.assertAuthorizationsStandingAreTheOrders(standingBefore, customers);
    }
}
