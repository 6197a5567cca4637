package io.orderflow.it.ownservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Metrics;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.PaymentAnswers;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of WildFly (and with it the embedded broker) while orders are being placed and their
 * effects committed, then a restart with the production recovery settings, as often as it takes to
 * catch transactions in doubt (prepared and not yet committed) at the moment of the kill. Then
 * every order the dead server recorded completes all six effects, each effect's outcome counted
 * once (the search index queried, not only its table), no prepared transaction is left in
 * PostgreSQL, and the payment authorizations left standing are exactly those of the recorded
 * orders. One more client pays with a card the payment service answers after 1.5 s, so at every
 * kill a checkout holds stock it has not yet turned into an order: every such hold is given back
 * within a bounded time after the restart, and once (the stock held is exactly the recorded
 * orders'). The effects take their backlog in batches meanwhile, so a kill finds batches half
 * applied: none is applied twice nor lost. Runs its own server (not Arquillian's), which it kills;
 * its products are its own.
 */
class WildFlyCrashIT {

    private static final int CLIENTS = 4;

    /** Long enough that a kill always finds the slow client between its hold and its order. */
    private static final int SLOW_PAYMENT_MILLIS = 1500;

    private static final String SLOW_CARD = "tok_slow_crash_" + UUID.randomUUID();
    private static final int ORDERS_PER_ROUND = 30;
    private static final int MAX_ROUNDS = 5;

    private final WildFlyServer wildFly = TestServices.ownWildFly("orderflow.it.crash.base");
    private Process server;

    @Test
    void every_recorded_order_completes_once_after_kills_that_leave_transactions_in_doubt()
            throws Exception {
        wildFly.prepare(false);
        TestServices.prepareServer(wildFly);
        String customers = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> standingBefore = Downstreams.authorizationsStanding();
        server = start();
        assertThat(
                        wildFly.deploy(
                                Path.of(System.getProperty("orderflow.ear")),
                                Duration.ofMinutes(3)))
                .as("deployed")
                .isTrue();
        String book = Products.create("crash-book", 1_000_000);
        String mug = Products.create("crash-mug", 1_000_000);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        StubMapping slow = PaymentAnswers.slow(SLOW_CARD, SLOW_PAYMENT_MILLIS);
        long inDoubt = 0;
        long heldWithoutOrder = 0;
        double appliedBeforeKills = 0;
        double transactionsBeforeKills = 0;
        for (int round = 1; round <= MAX_ROUNDS && inDoubt == 0; round++) {
            int target = accepted.size() + ORDERS_PER_ROUND;
            AtomicBoolean crashed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(
                        () -> placeOrders(customers, "tok_ok", book, mug, accepted, crashed));
            }
            clients.submit(() -> placeOrders(customers, SLOW_CARD, book, mug, accepted, crashed));
            await().atMost(Duration.ofSeconds(90)).until(() -> accepted.size() >= target);
            String lastScrape = Metrics.scrape();
            appliedBeforeKills += counted(lastScrape, "orderflow_effect_processed_total");
            transactionsBeforeKills += counted(lastScrape, "orderflow_effect_transactions_total");
            Processes.kill(server);
            crashed.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            heldWithoutOrder +=
                    Database.number(
                            "select count(distinct hold_id) from stock_holds where sku in (?, ?)",
                            book,
                            mug);
            long preparedInPostgres = Database.preparedTransactions();
            long loggedByTheTransactionManager = transactionLogEntries();
            inDoubt = preparedInPostgres + loggedByTheTransactionManager;
            System.out.printf(
                    "crash round %d: killed WildFly with %d orders accepted; in doubt: %d prepared in PostgreSQL, "
                            + "%d in the transaction log%n",
                    round, accepted.size(), preparedInPostgres, loggedByTheTransactionManager);

            Instant restart = Instant.now();
            server = start();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> Api.get("/products").status() == 200);
            System.out.printf(
                    "crash round %d: restarted and serving after %d ms%n",
                    round, Duration.between(restart, Instant.now()).toMillis());
        }
        PaymentAnswers.remove(slow);
        assertThat(inDoubt)
                .as("transactions in doubt at a kill, in " + MAX_ROUNDS + " rounds at most")
                .isPositive();
        assertThat(heldWithoutOrder).as("stock holds the kills left without an order").isPositive();
        assertThat(appliedBeforeKills)
                .as(
                        "the effects were applying events in batches when the kills came: %s events in %s transactions",
                        appliedBeforeKills, transactionsBeforeKills)
                .isGreaterThan(transactionsBeforeKills);

        List<String> recorded =
                Database.texts(
                        "select id::text from orders where customer_email like ?", customers + "%");
        assertThat(recorded).as("every order that got a 201 was kept").containsAll(accepted);
        Checker.ExternalCounts external =
                Checker.verifyEveryEffectOnce(recorded, Duration.ofMinutes(4));
        Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(5));
        Checker.assertAuthorizationsStandingAreTheOrders(standingBefore, customers);
        System.out.printf(
                "crash: %d orders recorded (%d answered 201), %d stock holds left without an order and given back, "
                        + "%.0f events applied in %.0f effect transactions before the kills, "
                        + "duplicates that reached the outside: %d mails, %d webhooks%n",
                recorded.size(),
                accepted.size(),
                heldWithoutOrder,
                appliedBeforeKills,
                transactionsBeforeKills,
                external.duplicateMails(),
                external.duplicateWebhooks());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            Processes.stop(server, Duration.ofSeconds(60));
        }
    }

    private static void placeOrders(
            String customers,
            String card,
            String book,
            String mug,
            Set<String> accepted,
            AtomicBoolean crashed) {
        while (!crashed.get()) {
            try {
                Api.Reply reply =
                        Api.postJson(
                                "/orders",
                                Orders.body(
                                        customers + "-" + UUID.randomUUID() + "@example.com",
                                        card,
                                        mug,
                                        "1",
                                        book,
                                        "1"));
                if (reply.status() == 201) {
                    accepted.add(reply.json().getString("id"));
                }
            } catch (UncheckedIOException serverGone) {
                return;
            }
        }
    }

    /** A counter's sum over its labels in a scrape; 0 when it has no sample yet. */
    private static double counted(String scrape, String metric) {
        double value = Metrics.value(scrape, metric, Map.of());
        return Double.isNaN(value) ? 0 : value;
    }

    /** Transactions the transaction manager logged as committing and had not finished. */
    private long transactionLogEntries() throws IOException {
        Path log =
                wildFly.base()
                        .resolve(
                                "data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/TwoPhaseCoordinator/AtomicAction");
        if (Files.notExists(log)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(log)) {
            return entries.count();
        }
    }

    /**
     * With the production recovery settings (no shortened recovery period); a payment attempt and a
     * stock hold count as abandoned after 10 s and 5 s, several times what a checkout takes here.
     */
    private Process start() throws Exception {
        Map<String, String> properties = TestServices.ownServerProperties();
        properties.put("orderflow.payment.abandoned-after-seconds", "10");
        properties.put("orderflow.payment.abandoned-sweep-seconds", "2");
        properties.put("orderflow.checkout.hold-lapses-after-seconds", "5");
        return wildFly.start(
                properties,
                ProcessBuilder.Redirect.appendTo(wildFly.base().resolve("console.log").toFile()));
    }
}
