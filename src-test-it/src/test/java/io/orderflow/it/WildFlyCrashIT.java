package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.TestServices;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of WildFly (and with it the embedded broker) while orders are being placed and their effects processed,
 * then a restart: every order that got a 201 completes all six effects, none twice, and once transaction recovery has
 * run no in-doubt transaction is left in PostgreSQL. Runs its own server (not Arquillian's), which it kills.
 */
class WildFlyCrashIT {

    private static final int CLIENTS = 4;
    private static final int ORDERS_BEFORE_THE_CRASH = 60;
    private static final int MAX_ORDERS = 400;

    private final WildFlyServer wildFly = new WildFlyServer(Path.of(System.getProperty("orderflow.wildfly.home")),
            Path.of(System.getProperty("orderflow.it.crash.base")));
    private Process server;

    @Test
    void every_accepted_order_completes_once_after_a_kill_9_and_a_restart() throws Exception {
        wildFly.prepare(false);
        server = start();
        assertThat(wildFly.deploy(Path.of(System.getProperty("orderflow.ear")), Duration.ofMinutes(3))).as("deployed").isTrue();

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean crashed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (!crashed.get() && accepted.size() < MAX_ORDERS) {
                    try {
                        Api.Reply reply = Api.postJson("/orders", Orders.body(Orders.uniqueCustomer("crash"), "tok_ok", "MUG-001", "1", "BOOK-001", "1"));
                        if (reply.status() == 201) {
                            accepted.add(reply.json().getString("id"));
                        }
                    } catch (UncheckedIOException serverGone) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= ORDERS_BEFORE_THE_CRASH);
        WildFlyServer.kill(server);
        crashed.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        long effectsDoneAtTheCrash = Database.number("select count(*) from order_effects where state = 'DONE'");
        System.out.printf("crash: killed WildFly with %d orders accepted, %d of their %d effects done%n",
                accepted.size(), effectsDoneAtTheCrash, accepted.size() * 6);

        Instant restart = Instant.now();
        server = start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> Api.get("/products").status() == 200);
        System.out.printf("crash: restarted and serving after %d ms%n", Duration.between(restart, Instant.now()).toMillis());

        Checker.ExternalCounts external = Checker.verifyEveryEffectOnce(List.copyOf(accepted), Duration.ofMinutes(3));
        long orders = Database.number("select count(*) from orders");
        assertThat(orders).as("every accepted order was kept").isGreaterThanOrEqualTo(accepted.size());
        assertThat(Database.number("select coalesce(sum(units), 0) from daily_sku_sales where sku = 'MUG-001'"))
                .as("analytics counted every recorded order once").isEqualTo(orders);
        assertThat(Database.number("select coalesce(sum(times), 0) from co_purchases where sku_a = 'BOOK-001' and sku_b = 'MUG-001'"))
                .as("recommendations counted every recorded order once").isEqualTo(orders);
        assertThat(Database.number("select reserved from products where sku = 'MUG-001'")).isEqualTo(orders);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(Database.number("select count(*) from pg_prepared_xacts")).as("in-doubt transactions").isZero());
        System.out.printf("crash: %d orders recorded (%d answered 201), duplicates that reached the outside: %d mails, %d webhooks%n",
                orders, accepted.size(), external.duplicateMails(), external.duplicateWebhooks());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            WildFlyServer.stop(server, Duration.ofSeconds(60));
        }
    }

    private Process start() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(TestServices.services().serverProperties());
        properties.put("jboss.socket.binding.port-offset", System.getProperty("orderflow.it.port-offset"));
        // recovery every few seconds instead of every two minutes, so that in-doubt transactions are settled in the test's time
        properties.put("RecoveryEnvironmentBean.periodicRecoveryPeriod", "5");
        properties.put("RecoveryEnvironmentBean.recoveryBackoffPeriod", "1");
        return wildFly.start(properties, ProcessBuilder.Redirect.appendTo(wildFly.base().resolve("console.log").toFile()));
    }
}
