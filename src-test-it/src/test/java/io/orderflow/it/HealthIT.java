package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.time.Duration;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health on the management interface: ready while PostgreSQL and the broker answer and
 * every effect has a consumer or was paused on purpose; not ready when the database stalls or an
 * effect's consumers are gone; dead letters waiting make the shop degraded, not unready.
 */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);

    @Test
    void ready_while_the_database_and_the_broker_answer_and_every_effect_is_consumed() {
        Management.Health health = Management.ready();
        assertThat(health.status()).as(health.json().toString()).isEqualTo(200);
        assertThat(health.check("database").getString("status")).isEqualTo("UP");
        assertThat(health.check("broker").getString("status")).isEqualTo("UP");
        for (Effect effect : Effect.values()) {
            assertThat(health.check("broker").getJsonObject("data").getString(effect.key()))
                    .as(effect.key())
                    .matches("[1-9][0-9]* consumers");
        }
    }

    @Test
    void an_effect_without_consumers_is_not_ready_unless_an_operator_paused_it() {
        try {
            Broker.deliverTo("EmailConsumer", false);
            await().atMost(NOTICED_WITHIN)
                    .untilAsserted(
                            () -> {
                                Management.Health health = Management.ready();
                                assertThat(health.status()).isEqualTo(503);
                                assertThat(health.check("broker").getString("status"))
                                        .isEqualTo("DOWN");
                                assertThat(
                                                health.check("broker")
                                                        .getJsonObject("data")
                                                        .getString("email"))
                                        .isEqualTo("0 consumers");
                            });

            Api.Reply paused = Api.postJson("/ops/effects/email/pause", "{}", Api.asOps());
            assertThat(paused.status()).as(paused.described()).isEqualTo(200);
            Management.Health onPurpose = Management.ready();
            assertThat(onPurpose.status()).as(onPurpose.json().toString()).isEqualTo(200);
            assertThat(onPurpose.check("broker").getJsonObject("data").getString("email"))
                    .isEqualTo("paused, 0 consumers");
        } finally {
            Api.postJson("/ops/effects/email/resume", "{}", Api.asOps());
            Broker.deliverTo("EmailConsumer", true);
        }
        await().atMost(NOTICED_WITHIN).until(() -> Management.ready().status() == 200);
    }

    /**
     * Also the deployment a server makes at its boot succeeds while the database stalls: OrderFlow
     * needs no connection to start (SoakIT found a node restarted during a database pause that
     * never served again, its deployment failed), and serves once the database answers.
     */
    @Test
    void a_stalled_database_is_not_ready_lets_orderflow_deploy_and_serves_once_it_answers()
            throws Exception {
        var postgres = TestServices.services().database();
        postgres.pause();
        try {
            await().atMost(NOTICED_WITHIN)
                    .untilAsserted(
                            () -> {
                                Management.Health health = Management.ready();
                                assertThat(health.status()).isEqualTo(503);
                                assertThat(health.check("database").getString("status"))
                                        .isEqualTo("DOWN");
                            });
            Management.redeploy();
        } finally {
            postgres.resume();
        }
        await().atMost(NOTICED_WITHIN).until(() -> Management.ready().status() == 200);
        Management.flushDatabaseConnections();
        Orders.awaitAllDone(
                Orders.place(
                        Orders.uniqueCustomer("deployed-while-stalled"),
                        Products.create("redeployed", 1),
                        "1"));
    }

    @Test
    void a_dead_letter_waiting_makes_the_shop_degraded_but_still_ready() throws Exception {
        String version = DeadLetterDesk.deadLetterUnreadable(Effect.ANALYTICS.queue());
        try {
            Management.Health health = Management.ready();
            assertThat(health.status()).as(health.json().toString()).isEqualTo(200);
            var backlog = health.check("backlog");
            assertThat(backlog.getString("status")).isEqualTo("UP");
            assertThat(backlog.getJsonObject("data").getBoolean("degraded")).isTrue();
            assertThat(backlog.getJsonObject("data").getString("reason"))
                    .containsPattern("[1-9][0-9]* dead letters of analytics");
        } finally {
            DeadLetterDesk.discardMarked(version, "unreadable, for the health test");
        }
    }
}
