package io.orderflow.it.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Cluster;
import io.orderflow.devservices.Processes;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.BrokerConsole;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.EffectControls;
import io.orderflow.it.support.FickleOrders;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.SecretFiles;
import io.orderflow.it.support.SystemProperties;
import io.orderflow.it.support.TestServices;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two WildFly nodes on the broker pair behind WildFly's load balancer, as the cluster run command
 * starts them; every request of these tests goes through the entry point unless it names a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final Path EAR = Path.of(System.getProperty("orderflow.ear"));
    private static final String A = Cluster.NODES.get(0);
    private static final String B = Cluster.NODES.get(1);

    /** Orders accepted before node A is killed, and asked after it that must be accepted. */
    private static final int BEFORE_THE_KILL = 40;

    private static final int AFTER_THE_KILL = 40;

    /**
     * A broker call of 5 s at most, then a wait of 10 s at most for the client to reconnect
     * (configure-remote-broker.cli's call-timeout and call-failover-timeout), with room for a noisy
     * machine; by default a call alone may wait 30 s, and a reconnection without end.
     */
    private static final Duration STALL_ANSWER_WITHIN = Duration.ofSeconds(25);

    private static TestCluster running;
    private static BrokerPair pair;
    private static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        running =
                TestCluster.start(
                        Path.of(System.getProperty("orderflow.it.cluster.pair")),
                        Path.of(System.getProperty("orderflow.it.cluster")));
        pair = running.pair;
        cluster = running.cluster;
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    /**
     * The cluster mode's secrets (the brokers' users and their cluster password, the nodes'
     * credential stores and users) are their owner's alone.
     */
    @Test
    @Order(0)
    void every_file_holding_a_secret_is_its_owners_alone() {
        List<Path> folders =
                List.of(
                        Path.of(System.getProperty("orderflow.it.cluster.pair")),
                        Path.of(System.getProperty("orderflow.it.cluster")));

        assertThat(SecretFiles.holdingSecrets(folders, TestServices.secrets()))
                .anyMatch(file -> file.contains("artemis-users.properties"))
                .anyMatch(file -> file.endsWith("broker.xml rw-------"));
        assertThat(SecretFiles.readableByOthers(folders, TestServices.secrets())).isEmpty();
    }

    @Test
    @Order(1)
    void
            a_pause_asked_of_one_node_holds_the_effect_on_both_and_a_resume_on_the_other_releases_it() {
        String nodeA = Api.base(cluster.httpPort(A));
        String nodeB = Api.base(cluster.httpPort(B));
        EffectControls.act(nodeA, "email", "pause");
        List<String> orders = new ArrayList<>();
        try {
            assertThat(EffectControls.status(nodeB, "email").getBoolean("paused"))
                    .as("node B sees A's pause")
                    .isTrue();
            String book = Products.create("cluster-paused", 10);
            for (int i = 0; i < 10; i++) {
                orders.add(Orders.place(Orders.uniqueCustomer("cluster-paused"), book, "1"));
            }
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> {
                                for (String orderId : orders) {
                                    JsonObject effects = Orders.effects(orderId);
                                    assertThat(effects.getJsonObject("email").getString("state"))
                                            .as("held on both nodes")
                                            .isEqualTo("PENDING");
                                    assertThat(
                                                    effects.getJsonObject("warehouse")
                                                            .getString("state"))
                                            .isEqualTo("DONE");
                                }
                            });
            for (String orderId : orders) {
                assertThat(Downstreams.mails(orderId, "OrderPlaced")).isZero();
            }
        } finally {
            EffectControls.act(nodeB, "email", "resume");
        }
        assertThat(EffectControls.status(nodeA, "email").getBoolean("paused"))
                .as("node A sees B's resume")
                .isFalse();
        for (String orderId : orders) {
            Orders.awaitAllDone(orderId);
            assertThat(Downstreams.mails(orderId, "OrderPlaced")).isEqualTo(1);
        }
        // whichever node indexed an order, both find it: the index is PostgreSQL's
        for (String node : List.of(nodeA, nodeB)) {
            Api.Reply found = Api.getAt(node, "/search?q=cluster-paused&limit=100", Api.asOps());
            assertThat(found.status()).as(found.described()).isEqualTo(200);
            assertThat(found.json().getJsonArray("hits"))
                    .extracting(hit -> ((JsonObject) hit).getString("orderId"))
                    .as(node)
                    .containsAll(orders);
        }
    }

    @Test
    @Order(2)
    void a_dead_letter_both_nodes_watch_is_recorded_once_and_one_retry_completes_its_order_once() {
        String email = Orders.uniqueCustomer("cluster-refused");
        StubMapping refusal = WarehouseAnswers.unknownAddress(email);
        String orderId;
        JsonObject letter;
        try {
            orderId = Orders.place(email, Products.create("cluster-refused", 1), "1");
            letter =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> DeadLetterDesk.of(orderId, "warehouse"),
                                    Optional::isPresent)
                            .orElseThrow();
        } finally {
            WarehouseAnswers.remove(refusal);
        }
        Api.Reply retried = DeadLetterDesk.retry(List.of(letter.getString("messageId")));
        assertThat(retried.status()).as(retried.described()).isEqualTo(200);
        assertThat(retried.json().getInt("done")).isEqualTo(1);
        Orders.awaitAllDone(orderId);

        // both nodes' watches swept the dead-letter queue every 300 ms meanwhile
        assertThat(
                        Database.number(
                                "select count(*) from dead_letter_messages where order_id = ?",
                                UUID.fromString(orderId)))
                .as("recorded once")
                .isEqualTo(1);
        assertThat(DeadLetterDesk.of(orderId, "warehouse")).isEmpty();
        assertThat(DeadLetterDesk.audit())
                .filteredOn(action -> orderId.equals(action.getString("orderId", "")))
                .extracting(action -> action.getString("action"))
                .containsExactly("RETRY");
        assertThat(Downstreams.fulfilmentRequests(orderId))
                .as("the refused request and the one after the retry")
                .isEqualTo(2);
        assertThat(Database.inboxClaimsOf(UUID.fromString(orderId))).isEqualTo(6);
    }

    @Test
    @Order(3)
    void
            orders_placed_and_cancelled_through_the_entry_point_are_applied_in_sequence_despite_failures() {
        FickleOrders.placeCancelAndVerifyInSequence(24, 4);
    }

    /**
     * The primary broker stops answering (SIGSTOP: its connections stay open, nothing comes back)
     * longer than a call may wait: a checkout, a cancellation and a telemetry batch get a 503
     * problem with a Retry-After within a bounded time, not a 500 after half a minute, and the
     * cancellation changed nothing. Once the broker answers again, the same requests, repeated as a
     * client would (the checkout with its Idempotency-Key: the refused one may have committed when
     * the broker came back, its answer lost), are accepted and each applied once.
     */
    @Test
    @Order(4)
    void a_broker_that_stops_answering_gets_503s_in_bounded_time_and_nothing_half_done()
            throws Exception {
        String nodeA = Api.base(cluster.httpPort(A));
        String sku = Products.create("cluster-broker-stall", 2);
        String orderId = Orders.place(Orders.uniqueCustomer("cluster-broker-stall"), sku, "1");
        String retriedCustomer = Orders.uniqueCustomer("cluster-broker-stall-retried");
        String checkout = Orders.body(retriedCustomer, "tok_ok", sku, "1");
        String checkoutKey = UUID.randomUUID().toString();
        Orders.awaitAllDone(orderId);
        String sensor = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        String batch =
                "[{\"sensorId\":\""
                        + sensor
                        + "\",\"timestamp\":\"2026-12-04T05:00:00Z\",\"metric\":\"temp\",\"value\":21.5}]";
        String batchId = UUID.randomUUID().toString();
        Map<String, Api.Reply> answers = new LinkedHashMap<>();
        Map<String, Duration> took = new LinkedHashMap<>();
        ProcessHandle primary = pair.primaryProcess().toHandle();
        Processes.signal(primary, "-STOP");
        try {
            Instant asked = Instant.now();
            answers.put(
                    "checkout",
                    Api.postJsonAt(nodeA, "/orders", checkout, "Idempotency-Key", checkoutKey));
            took.put("checkout", Duration.between(asked, Instant.now()));
            asked = Instant.now();
            answers.put("cancel", Api.postJsonAt(nodeA, "/orders/" + orderId + "/cancel", ""));
            took.put("cancel", Duration.between(asked, Instant.now()));
            asked = Instant.now();
            answers.put(
                    "telemetry", Api.postJsonAt(nodeA, "/telemetry", batch, "Batch-Id", batchId));
            took.put("telemetry", Duration.between(asked, Instant.now()));
        } finally {
            Processes.signal(primary, "-CONT");
        }
        System.out.printf(
                "broker stall: %s%n",
                answers.keySet().stream()
                        .map(
                                request ->
                                        request
                                                + " answered "
                                                + answers.get(request).status()
                                                + " in "
                                                + took.get(request).toMillis()
                                                + " ms")
                        .toList());
        answers.forEach(
                (request, reply) -> {
                    assertThat(reply.status()).as(request + ": " + reply.body()).isEqualTo(503);
                    assertThat(reply.header("Retry-After")).as(request).isNotBlank();
                    assertThat(reply.header("Content-Type"))
                            .as(request)
                            .startsWith("application/problem+json");
                    assertThat(took.get(request)).as(request).isLessThan(STALL_ANSWER_WITHIN);
                });
        assertThat(Api.get("/orders/" + orderId).json().getString("status"))
                .as("the refused cancellation changed nothing")
                .isEqualTo("PLACED");
        assertThat(
                        Database.text(
                                "select state from checkout_keys where idempotency_key = ?",
                                checkoutKey))
                .as("the database answering, the refused checkout gave its key back")
                .isEqualTo("RELEASED");
        assertThat(Database.number("select count(*) from stock_holds where sku = ?", sku))
                .as("and its stock")
                .isZero();

        // within the key's two-minute lease: the retry does not wait for a claim to lapse
        String retried =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () ->
                                        Api.postJsonAt(
                                                nodeA,
                                                "/orders",
                                                checkout,
                                                "Idempotency-Key",
                                                checkoutKey),
                                reply -> reply.status() == 201)
                        .json()
                        .getString("id");
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> Api.postJsonAt(nodeA, "/orders/" + orderId + "/cancel", "").status(),
                        status -> status == 200);
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                Api.postJsonAt(nodeA, "/telemetry", batch, "Batch-Id", batchId)
                                        .status(),
                        status -> status == 202);
        Orders.awaitAllDone(orderId);
        Orders.awaitAllDone(retried);
        assertThat(
                        Database.number(
                                "select count(*) from orders where customer_email = ?",
                                retriedCustomer))
                .as("the checkout asked twice with one key: one order")
                .isEqualTo(1);
        assertThat(Downstreams.cancellations(orderId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Database.readingsOf(sensor)).isEqualTo(1));
    }

    @Test
    @Order(5)
    void
            the_primary_broker_killed_under_both_nodes_the_backup_serves_and_every_order_completes_once()
                    throws Exception {
        Set<String> standingBefore = Downstreams.authorizationsStanding();
        String customers = "cluster-broker-kill-" + System.nanoTime();
        List<String> skus = products("cluster-broker-kill");
        AtomicReference<Instant> backupServing = new AtomicReference<>();
        CheckoutLoad load = new CheckoutLoad(customers, skus);
        Instant killed;
        try (load) {
            killed =
                    killUnder(
                            load,
                            markTheKill -> {
                                markTheKill.run();
                                pair.killPrimaryAndAwaitBackup();
                                backupServing.set(Instant.now());
                            });
        }
        Duration takeover = Duration.between(killed, backupServing.get());
        System.out.printf(
                "broker kill under two nodes: %d checkouts, answers %s, slowest %d ms; the backup served %d ms"
                        + " after the kill; the first checkout asked after the kill was accepted %d ms after it%n",
                load.answers(),
                load.statuses(),
                load.slowestMillis(),
                takeover.toMillis(),
                Duration.between(killed, load.firstAcceptedAfterTheMark()).toMillis());
        assertThat(load.statuses().keySet())
                .as("every answer a 201 or a 503; unanswered %s", load.noAnswerReasons())
                .isSubsetOf(201, 503);
        BrokerConsole backup = running.servingBroker();
        int preparedOnTheBackup = backup.preparedTransactions().size();
        Instant settling = Instant.now();
        Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(4), backup);
        System.out.printf(
                "broker kill: the backup held %d transactions the primary had prepared, none %d ms later%n",
                preparedOnTheBackup, Duration.between(settling, Instant.now()).toMillis());
        int answersLost =
                assertEveryRecordedOrderCompletedOnce(load, customers, skus, standingBefore);
        System.out.printf("broker kill: %d orders recorded without a 201%n", answersLost);
    }

    @Test
    @Order(6)
    void a_killed_node_leaves_the_other_serving_and_recovers_its_own_transactions_on_restart()
            throws Exception {
        Set<String> standingBefore = Downstreams.authorizationsStanding();
        String customers = "cluster-kill-" + System.nanoTime();
        List<String> skus = products("cluster-kill");
        Instant killed;
        CheckoutLoad load = new CheckoutLoad(customers, skus);
        try (load) {
            killed = killUnder(load, markTheKill -> killBetweenTheVotes(A, markTheKill));
            // and a little longer, so that the late answers show whether A still gets requests
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> load.lateAnswers() >= 20);
        }
        List<String> accepted = load.accepted();
        Map<Integer, Integer> statuses = load.statuses();
        System.out.printf(
                "node kill behind the entry point: %d checkouts, answers %s (%d failures answered by the entry"
                        + " point, the others by a node); the first checkout asked after the kill was accepted %d ms"
                        + " after it; answers from 5 s after that on: %s%n",
                load.answers(),
                statuses,
                load.entryPointFailures(),
                Duration.between(killed, load.firstAcceptedAfterTheMark()).toMillis(),
                load.lateStatuses());
        assertThat(statuses.keySet())
                .as("every answer a 201 or a 503; unanswered %s", load.noAnswerReasons())
                .isSubsetOf(201, 503);
        // a checkout A left in doubt keeps its product's row locked until A's own recovery, so B
        // may still answer 503 for that product (after its 5 s wait); the entry point itself must
        // no longer fail a request
        assertThat(load.lateEntryPointFailures())
                .as(
                        "late failures answered by the entry point: it sends nothing more to the dead node")
                .isZero();
        assertThat(load.lateStatuses().getOrDefault(201, 0))
                .as("late checkouts accepted")
                .isPositive();

        // B alone consumes every effect queue: orders accepted after the kill complete without A
        List<String> acceptedAfter =
                accepted.subList(accepted.size() - AFTER_THE_KILL, accepted.size());
        for (String orderId : acceptedAfter) {
            Orders.awaitAllDone(orderId);
        }

        // what A left prepared in PostgreSQL stays so until A itself is back: only A's recovery
        // knows those transactions (their node id, its object store)
        assertThat(Database.preparedTransactionsOf(Cluster.nodeId(A)))
                .as("transactions A left in doubt, B serving meanwhile")
                .isPositive();
        long preparedWhileADown = Database.preparedTransactions();
        cluster.restartNode(
                A,
                EAR,
                TestServices.serverProperties(),
                TestCluster.log(running.folder, A + "-restart"));
        Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(4), running.servingBroker());

        int answersLost =
                assertEveryRecordedOrderCompletedOnce(load, customers, skus, standingBefore);
        System.out.printf(
                "node kill: %d transactions prepared in PostgreSQL while A was down, none after its restart;"
                        + " %d orders recorded without a 201%n",
                preparedWhileADown, answersLost);
    }

    /**
     * Every order recorded for the customers, accepted or not, gets each of its six effects once
     * and holds its stock; an accepted one is among them; an order recorded without a 201
     * (committed as something died, its answer lost, not the order) is counted, at most one per
     * checkout that got none; no authorization stands but the orders'. Returns how many were
     * recorded without a 201.
     */
    private static int assertEveryRecordedOrderCompletedOnce(
            CheckoutLoad load, String customers, List<String> skus, Set<String> standingBefore) {
        List<String> recorded =
                Database.texts(
                        "select id::text from orders where customer_email like ?", customers + "%");
        int answersLost = recorded.size() - load.accepted().size();
        assertThat(recorded).as("every accepted order recorded").containsAll(load.accepted());
        assertThat(answersLost)
                .as("orders recorded without a 201: at most the checkouts that got none")
                .isBetween(0, load.answers() - load.accepted().size());
        for (String orderId : recorded) {
            try {
                Orders.awaitAllDone(orderId);
            } catch (ConditionTimeoutException unfinished) {
                throw new AssertionError(
                        unfinished.getMessage()
                                + "; on the serving broker: "
                                + running.servingBroker().effectsState(),
                        unfinished);
            }
        }
        assertThat(Database.inboxClaimsOfCustomers(customers))
                .as("each effect applied each recorded order's event once")
                .isEqualTo(6L * recorded.size());
        long reserved = 0;
        for (String sku : skus) {
            reserved += Products.reserved(sku);
        }
        assertThat(reserved).as("stock held by the recorded orders").isEqualTo(recorded.size());
        Checker.assertAuthorizationsStandingAreTheOrders(standingBefore, customers);
        return answersLost;
    }

    /** A kill that says when it happens: the load counts what is asked from then on apart. */
    private interface Kill {
        void run(Runnable markTheKill) throws Exception;
    }

    /**
     * Once the load has {@link #BEFORE_THE_KILL} orders accepted, kills, and returns when {@link
     * #AFTER_THE_KILL} orders asked after the kill were accepted; returns the moment of the kill.
     */
    private static Instant killUnder(CheckoutLoad load, Kill kill) throws Exception {
        awaitAccepted(load, "before the kill", () -> load.accepted().size(), BEFORE_THE_KILL);
        AtomicReference<Instant> killed = new AtomicReference<>();
        kill.run(() -> killed.set(load.mark()));
        awaitAccepted(load, "asked after the kill", load::acceptedAfterTheMark, AFTER_THE_KILL);
        return killed.get();
    }

    /** Failing, says how the load's checkouts were answered meanwhile. */
    private static void awaitAccepted(
            CheckoutLoad load, String which, IntSupplier accepted, int atLeast) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(
                        () ->
                                assertThat(accepted.getAsInt())
                                        .as(
                                                "checkouts %s accepted; answers %s, unanswered %s",
                                                which, load.statuses(), load.noAnswerReasons())
                                        .isGreaterThanOrEqualTo(atLeast));
    }

    /**
     * Kills a node between the votes of a commit, so that it leaves a transaction in doubt that
     * only its own recovery can settle: the moment PostgreSQL holds a transaction the node
     * prepared, the node is frozen (SIGSTOP); if the transaction stays prepared, the node is
     * killed; if its commit was already on its way, the node is let go on and the next such moment
     * awaited. The kill is marked as it is sent: until then the node served, or hung frozen, and
     * what the balancer answers after it is what the test judges.
     */
    private static void killBetweenTheVotes(String node, Runnable markTheKill) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            await().atMost(Duration.between(Instant.now(), deadline))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> Database.preparedTransactionsOf(Cluster.nodeId(node)) > 0);
            cluster.freezeNode(node);
            try {
                await().during(Duration.ofMillis(300))
                        .atMost(Duration.ofSeconds(1))
                        .until(() -> Database.preparedTransactionsOf(Cluster.nodeId(node)) > 0);
                markTheKill.run();
                cluster.killNode(node);
                return;
            } catch (ConditionTimeoutException committedMeanwhile) {
                cluster.thawNode(node);
            }
        }
    }

    /** One product per client of a load, each with stock enough for any run. */
    private static List<String> products(String name) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            skus.add(Products.create(name, 100_000));
        }
        return skus;
    }

    /**
     * Both nodes' warehouse kill switches armed at runtime (3 failures in a row, a 2 s cool-down)
     * while the warehouse refuses everything: one node's switch trips and pauses the queue both
     * consume. An operator then pauses the warehouse on the other node; the warehouse comes back,
     * and the tripped switch, probing, finds the pause an operator's and lets go of it without
     * resuming: the queue stays paused for both nodes until the operator resumes it, and every
     * order is then fulfilled once.
     */
    @Test
    @Order(7)
    void an_operators_pause_asked_of_one_node_is_not_undone_by_the_other_nodes_kill_switch() {
        Map<String, String> armed =
                Map.of(
                        "orderflow.effects.warehouse.kill-switch.failures-in-a-row", "3",
                        "orderflow.effects.warehouse.kill-switch.cool-down-seconds", "2",
                        "orderflow.effects.warehouse.kill-switch.longest-cool-down-seconds", "4");
        for (String node : Cluster.NODES) {
            armed.forEach(
                    (name, value) ->
                            SystemProperties.set(cluster.managementPort(node), name, value));
        }
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage =
                warehouse.stubFor(
                        post(urlPathMatching("/warehouse/.*"))
                                .atPriority(1)
                                .willReturn(aResponse().withStatus(503).withBody("down")));
        String sku = Products.create("cluster-switch", 6);
        List<String> orders = new ArrayList<>();
        String tripped;
        try {
            for (int i = 0; i < 6; i++) {
                orders.add(Orders.place(Orders.uniqueCustomer("cluster-switch"), sku, "1"));
            }
            tripped =
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () ->
                                            Cluster.NODES.stream()
                                                    .filter(
                                                            node ->
                                                                    "OPEN"
                                                                            .equals(
                                                                                    warehouseSwitchOf(
                                                                                            node)))
                                                    .findFirst(),
                                    Optional::isPresent)
                            .orElseThrow();
            String other = tripped.equals(A) ? B : A;
            assertThat(warehouseSwitchOf(other))
                    .as("one switch holds the pause")
                    .isEqualTo("CLOSED");
            EffectControls.act(Api.base(cluster.httpPort(other)), "warehouse", "pause");
            // a delivery already on its way to a consumer when the queue paused still reaches the
            // warehouse: the outage lasts until those have failed (nothing asked for 2 s)
            AtomicInteger asked = new AtomicInteger(-1);
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () ->
                                    asked.getAndSet(warehouse.getAllServeEvents().size())
                                            == asked.get());
        } finally {
            warehouse.removeStub(outage);
            for (String node : Cluster.NODES) {
                armed.keySet()
                        .forEach(
                                name ->
                                        SystemProperties.remove(
                                                cluster.managementPort(node), name));
            }
        }

        try {
            assertTheOperatorsPauseHolds(tripped, orders);
        } finally {
            // the pause is recorded in the database: left, it would hold the warehouse of every
            // server on it after this test
            EffectControls.act(Api.base(cluster.httpPort(tripped)), "warehouse", "resume");
        }
        Checker.verifyEveryEffectOnce(orders, Duration.ofMinutes(2));
    }

    private static void assertTheOperatorsPauseHolds(String tripped, List<String> orders) {
        // the tripped switch probes within its cool-down, finds the pause an operator's, lets go
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "CLOSED".equals(warehouseSwitchOf(tripped)));
        for (String node : Cluster.NODES) {
            String base = Api.base(cluster.httpPort(node));
            assertThat(EffectControls.status(base, "warehouse").getBoolean("paused"))
                    .as(node + " sees the queue paused")
                    .isTrue();
        }
        assertThat(EffectControls.flow("warehouse").getString("pausedBy"))
                .isEqualTo(TestServices.OPS_USER);
        assertThat(orders)
                .allSatisfy(
                        order ->
                                assertThat(
                                                Orders.effects(order)
                                                        .getJsonObject("warehouse")
                                                        .getString("state"))
                                        .as("held by the operator's pause")
                                        .isNotEqualTo("DONE"));
    }

    /** The state of the node's own warehouse kill switch. */
    private static String warehouseSwitchOf(String node) {
        return EffectControls.status(Api.base(cluster.httpPort(node)), "warehouse")
                .getJsonObject("killSwitch")
                .getString("state");
    }
}
