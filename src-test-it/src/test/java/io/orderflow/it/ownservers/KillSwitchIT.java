package io.orderflow.it.ownservers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.devservices.Processes;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.effects.Effect;
import io.orderflow.events.EventPublisher;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Browser;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.EffectControls;
import io.orderflow.it.support.Metrics;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.SystemProperties;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The warehouse's kill switch. On one server of its own for every test, with the warehouse's
 * redelivery schedule cut to five attempts 200 ms apart and its switch tripping after 3 failures in
 * a row, probing after 2 s, then 4: the warehouse answers 503 for far longer than the schedule.
 * With the switch off, the orders' warehouse events are dead-lettered within seconds; with it on,
 * the queue is paused, the probes fail and nothing is dead-lettered; once the warehouse is back a
 * probe passes, the queue is resumed, and every order is fulfilled, each with one accepted request.
 * The scrape counts the trip. Before the warehouse is back, an operator pauses the email effect and
 * the server is killed (its broker with it) and started again: the switch opens again from the
 * record and only its probes reach the warehouse; the operator's pause holds until the operator
 * resumes it, and the page says who paused each effect and why. A pause the broker refuses leaves
 * no record of one. Then an operator's resume lands while the server, started again, restores the
 * pauses (Byteman holds the restore there); last, the broker's answer to a resume is lost (Byteman
 * drops it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillSwitchIT {

    private static final String WAREHOUSE = Effect.WAREHOUSE.queue();

    /** The role OrderFlow connects to PostgreSQL as. */
    private static final String APPLICATION_ROLE = io.orderflow.devservices.Database.APPLICATION;

    private static final Duration SEEN_WITHIN = Duration.ofSeconds(60);

    /** The system property that names the resource whose resume Byteman's rule answers for. */
    private static final String WITHHELD = "orderflow.test.withhold-answer-about";

    private static final Map<String, String> ON_WAREHOUSE = Map.of("effect", "warehouse");

    /** Events of different orders a probe tries at most. */
    private static final int PROBED = 3;

    private static final WildFlyServer WILDFLY =
            TestServices.ownWildFly("orderflow.it.kill-switch.base");
    private static Map<String, String> properties;
    private static Process server;

    /**
     * One server for all three: with the warehouse's redeliveries five, 200 ms apart, its switch
     * tripping after 3 failures in a row and probing after 2 s, then 4.
     */
    @BeforeAll
    static void start() throws Exception {
        properties = TestServices.ownServerProperties();
        properties.put("orderflow.effects.warehouse.kill-switch.failures-in-a-row", "3");
        properties.put("orderflow.effects.warehouse.kill-switch.cool-down-seconds", "2");
        properties.put("orderflow.effects.warehouse.kill-switch.longest-cool-down-seconds", "4");
        server = TestServices.startOwnServer(WILDFLY, properties);
        Broker.writeAddressSetting(WAREHOUSE, "max-delivery-attempts", new ModelNode(5));
        Broker.writeAddressSetting(WAREHOUSE, "redelivery-delay", new ModelNode(200L));
        Broker.writeAddressSetting(WAREHOUSE, "redelivery-multiplier", new ModelNode(1.0));
        Broker.writeAddressSetting(WAREHOUSE, "max-redelivery-delay", new ModelNode(200L));
    }

    @Test
    @Order(1)
    void the_switch_keeps_a_long_warehouse_outage_out_of_the_dead_letter_queue_across_a_restart()
            throws Exception {
        String sku = Products.create("kill-switch", 100);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage = refuseEverything(warehouse);
        List<String> behindTheSwitch = new ArrayList<>();
        try {
            switchTo(false);
            List<String> unprotected = place(sku, 2);
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () ->
                                    assertThat(unprotected)
                                            .allSatisfy(
                                                    order ->
                                                            assertThat(
                                                                            DeadLetterDesk.of(
                                                                                    order,
                                                                                    "warehouse"))
                                                                    .as(
                                                                            "without the switch, dead-lettered")
                                                                    .isPresent()));

            switchTo(true);
            behindTheSwitch.addAll(place(sku, 5));
            awaitOpen(2);
            assertThat(behindTheSwitch)
                    .allSatisfy(
                            order ->
                                    assertThat(DeadLetterDesk.of(order, "warehouse"))
                                            .as("behind the switch, not dead-lettered")
                                            .isEmpty());
            try (Browser ops = Browser.as(TestServices.OPS_USER, TestServices.opsPassword())) {
                ops.open("flow");
                ops.untilText(
                        "#flow-effects tr[data-effect='warehouse'] .delivery", "kill switch open");
                assertThat(ops.text("#flow-effects tr[data-effect='warehouse'] .delivery"))
                        .as("the page says what tripped it")
                        .contains("503");
                ops.screenshot("kill-switch");
            }

            // an operator pauses the email effect too; then the server is killed, and its
            // embedded broker with it
            Api.Reply emailPaused = Api.postJson("/ops/effects/email/pause", "", Api.asOps());
            assertThat(emailPaused.status()).as(emailPaused.body()).isEqualTo(200);
            List<String> mailedLater = place(sku, 2);
            behindTheSwitch.addAll(mailedLater);
            assertThat(Metrics.value("orderflow_effect_kill_switch_trips_total", ON_WAREHOUSE))
                    .isEqualTo(1);
            Instant opened = openedAt(EffectControls.status("warehouse"));
            Processes.kill(server);
            long beforeTheRestart = fulfilmentRequests(warehouse);
            startAgain();

            // both pauses held: the switch opened again from the record and only its probes
            // reached the warehouse, still away; the operator's pause is the operator's
            awaitOpen(2);
            long reachedTheWarehouse = fulfilmentRequests(warehouse) - beforeTheRestart;
            JsonObject restored = EffectControls.status("warehouse");
            int probes = restored.getJsonObject("killSwitch").getInt("failedProbes");
            assertThat(openedAt(restored))
                    .as("open since the trip before the restart, not tripped again")
                    .isEqualTo(opened);
            assertThat(Metrics.value("orderflow_effect_kill_switch_trips_total", ON_WAREHOUSE))
                    .as("no trip since the restart: the counter is not there, or 0")
                    .matches(trips -> Double.isNaN(trips) || trips == 0);
            assertThat(reachedTheWarehouse)
                    .as("after the restart, the probes' requests only (%s failed)", probes)
                    .isLessThanOrEqualTo((probes + 1L) * PROBED);
            JsonObject emailFlow = EffectControls.flow("email");
            assertThat(emailFlow.getBoolean("paused")).isTrue();
            assertThat(emailFlow.getString("pausedBy")).isEqualTo(TestServices.OPS_USER);
            JsonObject warehouseFlow = EffectControls.flow("warehouse");
            assertThat(warehouseFlow.getString("pausedBy")).isEqualTo("kill switch");
            assertThat(warehouseFlow.getString("pauseReason")).contains("503");
            assertThat(Broker.messageCount(Effect.EMAIL.queue()))
                    .as("the mails wait")
                    .isGreaterThanOrEqualTo(mailedLater.size());
        } finally {
            warehouse.removeStub(outage);
        }

        awaitDone(behindTheSwitch, "warehouse");
        JsonObject status = EffectControls.status("warehouse");
        assertThat(status.getBoolean("paused")).isFalse();
        assertThat(status.getJsonObject("killSwitch").getString("state")).isEqualTo("CLOSED");
        assertThat(EffectControls.flow("email").getBoolean("paused"))
                .as("the warehouse's probe resumed its own queue only")
                .isTrue();
        Api.Reply emailResumed = Api.postJson("/ops/effects/email/resume", "", Api.asOps());
        assertThat(emailResumed.status()).as(emailResumed.body()).isEqualTo(200);
        awaitDone(behindTheSwitch, "email");
        assertThat(behindTheSwitch)
                .allSatisfy(
                        order -> {
                            assertThat(DeadLetterDesk.of(order, "warehouse")).isEmpty();
                            assertThat(acceptedFulfilments(warehouse, order))
                                    .as("fulfilled once")
                                    .isEqualTo(1);
                        });
        await().atMost(SEEN_WITHIN)
                .until(() -> Metrics.value("orderflow_effect_kill_switch_open", ON_WAREHOUSE) == 0);
    }

    /**
     * The warehouse refuses every order while the switch trips, then only the order whose event
     * waits at the head of the paused queue, the one every probe browses first: the probe tries the
     * next events, passes on one of them and resumes the queue; the refused event goes through its
     * redeliveries alone, which do not trip the switch again, into the dead-letter queue. After the
     * first: the server restarted there, so its trips count from none.
     */
    @Test
    @Order(2)
    void an_event_refused_alone_at_the_head_of_the_queue_is_dead_lettered_and_the_switch_closes()
            throws Exception {
        String sku = Products.create("kill-switch-head", 100);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage = refuseEverything(warehouse);
        StubMapping refusal = null;
        List<String> orders = place(sku, 4);
        String refused;
        try {
            // probed once: every redelivery is back in the queue
            awaitOpen(1);
            String head = Broker.waitingGroups(WAREHOUSE).get(0);
            refused =
                    orders.stream()
                            .filter(order -> EventPublisher.groupOf(order).equals(head))
                            .findFirst()
                            .orElseThrow();
            refusal =
                    warehouse.stubFor(
                            refusing(
                                    post(urlPathMatching("/warehouse/.*"))
                                            .withRequestBody(containing(refused))));
        } finally {
            warehouse.removeStub(outage);
        }
        try {
            String refusedOrder = refused;
            await().atMost(SEEN_WITHIN)
                    .untilAsserted(
                            () ->
                                    assertThat(DeadLetterDesk.of(refusedOrder, "warehouse"))
                                            .as("the refused event is dead-lettered")
                                            .isPresent());
            List<String> others =
                    orders.stream().filter(order -> !order.equals(refusedOrder)).toList();
            awaitDone(others, "warehouse");
            assertThat(others)
                    .allSatisfy(
                            order ->
                                    assertThat(acceptedFulfilments(warehouse, order))
                                            .as("fulfilled once")
                                            .isEqualTo(1));
            JsonObject status = EffectControls.status("warehouse");
            assertThat(status.getBoolean("paused")).isFalse();
            assertThat(status.getJsonObject("killSwitch").getString("state")).isEqualTo("CLOSED");
            assertThat(Metrics.value("orderflow_effect_kill_switch_trips_total", ON_WAREHOUSE))
                    .as("the refused event's redeliveries alone did not trip it again")
                    .isEqualTo(1);
        } finally {
            warehouse.removeStub(refusal);
        }
    }

    /**
     * The broker refuses the switch's pause (OrderFlow's management identity loses the right to
     * manage, as a broker that fails between the record and the pause would): the switch keeps no
     * record of a pause and stays closed, so nothing says paused while the queue runs. Once the
     * broker accepts again, the next streak trips it, the record and the broker's pause together.
     */
    @Test
    @Order(3)
    void a_pause_the_broker_refuses_is_not_recorded_and_the_next_streak_trips_the_switch() {
        String sku = Products.create("kill-switch-refused", 100);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage = refuseEverything(warehouse);
        List<String> orders = new ArrayList<>();
        try {
            long before = fulfilmentRequests(warehouse);
            mayManage(false);
            try {
                orders.addAll(place(sku, 2));
                // twice as many failures in a row as trip the switch: it tried, the broker refused
                await().atMost(SEEN_WITHIN)
                        .until(
                                () ->
                                        fulfilmentRequests(warehouse) - before >= 6
                                                && serverLog()
                                                        .contains(
                                                                "warehouse's kill switch could not pause its queue"));
                // each new attempt records its pause before the broker refuses it, then takes it
                // back: what stays is no record, and a queue that runs
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .untilAsserted(
                                () ->
                                        assertThat(
                                                        Database.number(
                                                                "select count(*) from effect_pauses where effect = 'warehouse'"))
                                                .as("no pause recorded while the queue runs")
                                                .isZero());
                assertThat(Broker.isPaused(WAREHOUSE)).isFalse();
            } finally {
                mayManage(true);
            }
            orders.addAll(place(sku, 4));
            awaitOpen(0);
            assertThat(EffectControls.flow("warehouse").getString("pausedBy"))
                    .isEqualTo("kill switch");
        } finally {
            warehouse.removeStub(outage);
        }
        await().atMost(SEEN_WITHIN)
                .until(
                        () ->
                                EffectControls.status("warehouse")
                                        .getJsonObject("killSwitch")
                                        .getString("state")
                                        .equals("CLOSED"));
        // what ran out of attempts while the broker refused the pause goes back from the desk
        retryFromTheDesk(orders);
        awaitDone(orders, "warehouse");
    }

    private static String serverLog() throws IOException {
        return Files.readString(
                Path.of(System.getProperty("orderflow.it.kill-switch.base"), "log", "server.log"));
    }

    /**
     * An operator's resume that the broker refuses answers an error and leaves the pause recorded
     * as it was, the operator's: the record is lifted before the broker is asked, and put back when
     * it refuses, so that it never says running while the queue stays paused.
     */
    @Test
    @Order(4)
    void a_resume_the_broker_refuses_leaves_the_operators_pause_recorded() {
        EffectControls.act(Api.BASE, "email", "pause");
        try {
            Api.Reply refused;
            mayManage(false);
            try {
                await().atMost(SEEN_WITHIN)
                        .until(() -> Api.get("/ops/effects", Api.asOps()).status() != 200);
                refused = Api.postJson("/ops/effects/email/resume", "", Api.asOps());
            } finally {
                mayManage(true);
            }
            assertThat(refused.status()).as(refused.described()).isIn(500, 503);
            assertThat(EffectControls.flow("email").getString("pausedBy", null))
                    .as("the pause recorded, as the operator's")
                    .isEqualTo(TestServices.OPS_USER);
            assertThat(EffectControls.status("email").getBoolean("paused")).isTrue();
        } finally {
            EffectControls.act(Api.BASE, "email", "resume");
        }
        assertThat(EffectControls.status("email").getBoolean("paused")).isFalse();
        assertThat(EffectControls.flow("email").getString("pausedBy", null)).isNull();
    }

    /**
     * The switch trips while the database cannot record its pause (OrderFlow's role may not write
     * the record here; in the soak, PostgreSQL was paused): it pauses the queue all the same and
     * holds the pause itself. Killed then, the server would leave the queue paused with nothing to
     * say so, for good (the soak found the warehouse's 962 events waiting so). Started again, it
     * finds the queue paused with no pause recorded and resumes it.
     */
    @Test
    @Order(5)
    void a_pause_the_switch_could_not_record_is_lifted_when_the_server_starts_again()
            throws Exception {
        String sku = Products.create("ks-unrecorded", 100);
        WireMockServer warehouse = TestServices.services().warehouse().wireMock();
        StubMapping outage = refuseEverything(warehouse);
        List<String> orders;
        try {
            Database.execute("revoke insert on effect_pauses from " + APPLICATION_ROLE);
            try {
                orders = place(sku, 2);
                await().atMost(SEEN_WITHIN)
                        .until(
                                () ->
                                        serverLog()
                                                        .contains(
                                                                "warehouse's kill switch could not record its pause")
                                                && Broker.isPaused(WAREHOUSE));
                assertThat(
                                Database.number(
                                        "select count(*) from effect_pauses where effect = 'warehouse'"))
                        .as("the switch's pause not recorded")
                        .isZero();
            } finally {
                Database.execute("grant insert on effect_pauses to " + APPLICATION_ROLE);
            }
            Processes.kill(server);
        } finally {
            warehouse.removeStub(outage);
        }
        startAgain();
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () ->
                                assertThat(Broker.isPaused(WAREHOUSE))
                                        .as("the queue paused with no pause recorded, resumed")
                                        .isFalse());
        assertThat(serverLog()).contains("warehouse's queue was paused with no pause recorded");
        retryFromTheDesk(orders);
        awaitDone(orders, "warehouse");
    }

    /**
     * An operator's resume lands while a starting server restores the pauses: after it read the
     * record, before it asked the broker for what it read. The server, killed with the email effect
     * paused by an operator, starts again with Byteman holding its restore at that point until the
     * operator's resume has lifted the record and the queue; the restore then pauses the queue from
     * what it read. Had it not read the record again, the queue would stay paused with nothing
     * recorded to say so (the nemesis found it so) until some node started again.
     */
    @Test
    @Order(6)
    void a_pause_lifted_while_a_starting_server_restores_it_stays_lifted() throws Exception {
        String sku = Products.create("ks-restore-race", 100);
        EffectControls.act(Api.BASE, "email", "pause");
        List<String> orders = place(sku, 2);
        Processes.kill(server);
        startAgain(
                "-javaagent:"
                        + System.getProperty("orderflow.byteman.agent")
                        + "=script:"
                        + bytemanScript("pause-lifted-while-restored.btm")
                        + ",script:"
                        + bytemanScript("answer-withheld.btm"));
        await().atMost(SEEN_WITHIN)
                .until(() -> serverLog().contains("the restore holds before pausing what it read"));
        assertThat(Broker.isPaused(Effect.EMAIL.queue()))
                .as("paused still, as the broker kept it")
                .isTrue();

        EffectControls.act(Api.BASE, "email", "resume");
        await().atMost(SEEN_WITHIN).until(() -> serverLog().contains("the restore is done"));
        assertThat(Broker.isPaused(Effect.EMAIL.queue()))
                .as("the queue the operator resumed, running")
                .isFalse();
        assertThat(EffectControls.flow("email").getBoolean("paused")).isFalse();
        awaitDone(orders, "email");
    }

    /**
     * The broker carries an operator's resume out, but its answer is lost on the way back (Byteman,
     * loaded at the last start, drops it), as when it comes too late: the resume answers 503 with
     * Retry-After, as the broker's other outages do, not a 500 with an incident. The operator's
     * pause is put back in the record, since the node cannot know what the broker did, while the
     * broker runs the queue; asked again, the resume goes through and both say running.
     */
    @Test
    @Order(7)
    void a_resume_whose_answer_never_comes_is_a_503_and_goes_through_when_asked_again()
            throws IOException {
        EffectControls.act(Api.BASE, "email", "pause");
        Api.Reply unanswered;
        SystemProperties.set(WITHHELD, "queue." + Effect.EMAIL.queue());
        try {
            unanswered = Api.postJson("/ops/effects/email/resume", "", Api.asOps());
        } finally {
            SystemProperties.remove(WITHHELD);
        }
        assertThat(serverLog())
                .contains("the broker's answer about resume of queue." + Effect.EMAIL.queue());
        assertThat(unanswered.status()).as(unanswered.described()).isEqualTo(503);
        assertThat(unanswered.header("Retry-After")).isEqualTo("5");
        assertThat(EffectControls.flow("email").getString("pausedBy", null))
                .as("the operator's pause, put back")
                .isEqualTo(TestServices.OPS_USER);
        assertThat(Broker.isPaused(Effect.EMAIL.queue()))
                .as("resumed by the broker all the same")
                .isFalse();

        EffectControls.act(Api.BASE, "email", "resume");
        assertThat(Broker.isPaused(Effect.EMAIL.queue())).isFalse();
        assertThat(EffectControls.flow("email").getString("pausedBy", null)).isNull();
    }

    private static Path bytemanScript(String name) {
        try {
            return Path.of(KillSwitchIT.class.getResource("/byteman/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startAgain(String... jvmOptions) throws IOException {
        server =
                WILDFLY.start(
                        properties,
                        ProcessBuilder.Redirect.appendTo(
                                WILDFLY.base().resolve("console.log").toFile()),
                        List.of(jvmOptions));
        await().atMost(Duration.ofMinutes(3))
                .ignoreExceptions()
                .until(() -> Api.get("/products").status() == 200);
    }

    /** Retries from the desk whatever of the orders' warehouse events ran out of attempts. */
    private static void retryFromTheDesk(List<String> orders) {
        List<String> deadLettered =
                orders.stream()
                        .flatMap(order -> DeadLetterDesk.of(order, "warehouse").stream())
                        .map(letter -> letter.getString("messageId"))
                        .toList();
        if (!deadLettered.isEmpty()) {
            assertThat(DeadLetterDesk.retry(deadLettered).json().getInt("done"))
                    .isEqualTo(deadLettered.size());
        }
    }

    /** Grants or takes OrderFlow's management identity the right to manage the broker. */
    private static void mayManage(boolean manage) {
        Broker.writeSecurityRole(
                "activemq.management", WildFlyServer.MANAGEMENT_ROLE, "manage", manage);
    }

    /** The warehouse answers 503 to every call, fulfilments and probes alike. */
    private static StubMapping refuseEverything(WireMockServer warehouse) {
        return warehouse.stubFor(refusing(post(urlPathMatching("/warehouse/.*"))));
    }

    private static MappingBuilder refusing(MappingBuilder request) {
        return request.atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("maintenance"));
    }

    private static void awaitDone(List<String> orders, String effect) {
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () ->
                                assertThat(orders)
                                        .allSatisfy(
                                                order ->
                                                        assertThat(
                                                                        Orders.effects(order)
                                                                                .getJsonObject(
                                                                                        effect)
                                                                                .getString("state"))
                                                                .as("%s of %s", effect, order)
                                                                .isEqualTo("DONE")));
    }

    /** The warehouse's queue paused by its open switch, which failed this many probes. */
    private static void awaitOpen(int failedProbes) {
        await().atMost(SEEN_WITHIN)
                .untilAsserted(
                        () -> {
                            JsonObject status = EffectControls.status("warehouse");
                            assertThat(status.getBoolean("paused")).isTrue();
                            assertThat(status.getJsonObject("killSwitch").getString("state"))
                                    .isEqualTo("OPEN");
                            assertThat(status.getJsonObject("killSwitch").getInt("failedProbes"))
                                    .as("probes failed while the warehouse is away")
                                    .isGreaterThanOrEqualTo(failedProbes);
                        });
    }

    private static void switchTo(boolean enabled) {
        Api.Reply reply =
                Api.postJson(
                        "/ops/effects/warehouse/kill-switch",
                        "{\"enabled\":" + enabled + "}",
                        Api.asOps());
        assertThat(reply.status()).as(reply.described()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("killSwitch").getBoolean("enabled"))
                .isEqualTo(enabled);
    }

    private static List<String> place(String sku, int orders) {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            placed.add(Orders.place(Orders.uniqueCustomer("kill-switch"), sku, "1"));
        }
        return placed;
    }

    private static Instant openedAt(JsonObject status) {
        return Instant.parse(status.getJsonObject("killSwitch").getString("openedAt"))
                .truncatedTo(ChronoUnit.MILLIS);
    }

    /** Every fulfilment request the warehouse was sent, whatever it answered. */
    private static long fulfilmentRequests(WireMockServer warehouse) {
        return warehouse.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .count();
    }

    /** The warehouse's fulfilment requests for the order that it answered with a 2xx. */
    private static long acceptedFulfilments(WireMockServer warehouse, String order) {
        return warehouse.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/warehouse/fulfilments"))
                .filter(event -> event.getRequest().getBodyAsString().contains(order))
                .filter(event -> event.getResponse().getStatus() < 300)
                .count();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            Processes.stop(server, Duration.ofSeconds(60));
        }
    }
}
