package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.Api;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.EffectControls;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stalls (SIGSTOP) for 15 s while customers place 10 orders a second: every answer is a
 * 201 or a 503 problem with a Retry-After, none takes longer than the datasource's timeouts allow,
 * every 201 completes once the database is back, and no authorization is left standing for an order
 * that does not exist.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseStallIT {

    private static final Duration LOAD = Duration.ofSeconds(28);
    private static final Duration STALL_AFTER = Duration.ofSeconds(5);
    private static final Duration STALL = Duration.ofSeconds(15);

    /**
     * socketTimeout 5 s, the pool's wait 2 s, and the wait of a checkout queued behind stalled ones
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private record Answer(Api.Reply reply, Duration took) {}

    @Test
    void a_stalled_database_makes_503s_in_bounded_time_and_loses_no_order_and_no_authorization()
            throws Exception {
        var postgres = TestServices.services().database();
        String sku = Products.create("stall", 100_000);
        String customers = "stall-" + Instant.now().toEpochMilli();
        Set<String> standingBefore = Downstreams.authorizationsStanding();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(64);
        ScheduledFuture<?> customersArriving =
                load.scheduleAtFixedRate(
                        () ->
                                load.execute(
                                        () -> {
                                            Instant sent = Instant.now();
                                            Api.Reply reply =
                                                    Api.postJson(
                                                            "/orders",
                                                            Orders.body(
                                                                    Orders.uniqueCustomer(
                                                                            customers),
                                                                    "tok_ok",
                                                                    sku,
                                                                    "1"));
                                            answers.add(
                                                    new Answer(
                                                            reply,
                                                            Duration.between(sent, Instant.now())));
                                        }),
                        0,
                        100,
                        TimeUnit.MILLISECONDS);
        try {
            load.schedule(() -> {}, STALL_AFTER.toMillis(), TimeUnit.MILLISECONDS).get();
            postgres.pause();
            try {
                load.schedule(() -> {}, STALL.toMillis(), TimeUnit.MILLISECONDS).get();
            } finally {
                postgres.resume();
            }
            load.schedule(
                            () -> {},
                            LOAD.minus(STALL_AFTER).minus(STALL).toMillis(),
                            TimeUnit.MILLISECONDS)
                    .get();
        } finally {
            customersArriving.cancel(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        List<Answer> all = List.copyOf(answers);
        long refused = all.stream().filter(a -> a.reply().status() == 503).count();
        System.out.printf(
                "database stall: %d checkouts, %d answered 503; slowest answer %d ms%n",
                all.size(),
                refused,
                all.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0));
        assertThat(all)
                .allSatisfy(
                        answer -> {
                            assertThat(answer.reply().status())
                                    .as(answer.reply().body())
                                    .isIn(201, 503);
                            assertThat(answer.took()).isLessThanOrEqualTo(ANSWER_WITHIN);
                        });
        assertThat(all)
                .filteredOn(a -> a.reply().status() == 503)
                .isNotEmpty()
                .allSatisfy(
                        answer -> {
                            assertThat(answer.reply().header("Content-Type"))
                                    .startsWith("application/problem+json");
                            assertThat(answer.reply().header("Retry-After")).isNotBlank();
                        });
        List<String> placed =
                all.stream()
                        .filter(a -> a.reply().status() == 201)
                        .map(a -> a.reply().json().getString("id"))
                        .toList();
        List<String> recorded =
                Database.texts(
                        "select id::text from orders where customer_email like ?", customers + "%");
        assertThat(recorded).as("every order that got a 201 was kept").containsAll(placed);

        Checker.verifyEveryEffectOnce(recorded, Duration.ofMinutes(3));
        Checker.assertAuthorizationsStandingAreTheOrders(standingBefore, customers);
        Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(3));
    }

    /**
     * What the nemesis found: a resume that resumed the broker's queue and then could not lift the
     * recorded pause left the record saying paused while the queue ran; a node starting then paused
     * the queue again, and the operator's next resume raced with it, leaving the queue paused with
     * no record of it and its events waiting for nobody. The record is lifted first now: a resume
     * the database cannot record changes nothing.
     */
    @Test
    void an_operators_resume_the_database_cannot_record_leaves_the_effect_paused()
            throws Exception {
        var postgres = TestServices.services().database();
        EffectControls.act(Api.BASE, "analytics", "pause");
        try {
            Api.Reply resume;
            postgres.pause();
            try {
                resume = Api.postJson("/ops/effects/analytics/resume", "", Api.asOps());
            } finally {
                postgres.resume();
            }
            assertThat(resume.status()).as(resume.described()).isEqualTo(503);
            assertThat(EffectControls.status("analytics").getBoolean("paused"))
                    .as("the broker's queue still paused")
                    .isTrue();
            assertThat(EffectControls.flow("analytics").getString("pausedBy", null))
                    .as("the pause still recorded, as the operator's")
                    .isEqualTo(TestServices.OPS_USER);
        } finally {
            EffectControls.act(Api.BASE, "analytics", "resume");
        }
        assertThat(EffectControls.status("analytics").getBoolean("paused")).isFalse();
        assertThat(EffectControls.flow("analytics").getString("pausedBy", null))
                .as("the pause no longer recorded")
                .isNull();
    }
}
