package io.orderflow.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
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

        Instant killed;
        Duration takeover;
        CheckoutLoad load = new CheckoutLoad(customers, List.of(sku, sku, sku, sku));
        try (load) {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> load.accepted().size() >= BEFORE_THE_KILL);
            killed = load.mark();
            pair.killPrimaryAndAwaitBackup();
            takeover = Duration.between(killed, Instant.now());
            // asked after the kill and accepted: it went through the backup
            await().atMost(ACCEPTED_AGAIN_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> load.acceptedAfterTheMark() >= AFTER_THE_KILL);
        }
        List<String> accepted = load.accepted();
        System.out.printf(
                "broker failover under a node: %d checkouts, answers %s, slowest %d ms; the backup served %d ms"
                        + " after the kill; the first checkout asked after the kill was accepted %d ms after it%n",
                load.answers(),
                load.statuses(),
                load.slowestMillis(),
                takeover.toMillis(),
                Duration.between(killed, load.firstAcceptedAfterTheMark()).toMillis());
        assertThat(load.statuses().keySet()).as("every answer a 201 or a 503").isSubsetOf(201, 503);

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
        assertThat(Database.inboxClaimsOfCustomers(customers))
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
