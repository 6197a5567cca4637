package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.ExternalProducer;
import io.orderflow.it.support.Faults;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumers rely on no commit order between the database and the broker (JTA promises none): an
 * event that arrives before the rows it names are committed is retried until they are; a failure
 * raised only when a transaction commits is recorded like any other, and retried.
 */
@ExtendWith(ArquillianExtension.class)
class CommitOrderIT {

    @Test
    void an_event_that_arrives_before_its_rows_are_committed_waits_for_them_then_completes()
            throws Exception {
        String sku = Products.create("early", 1);
        UUID orderId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String email = Orders.uniqueCustomer("early");
        Instant now = Instant.now();
        try (Connection checkout = TestServices.services().database().connect()) {
            checkout.setAutoCommit(false);
            // what the checkout's transaction writes, left uncommitted while its event is already
            // out
            update(checkout, "update products set reserved = reserved + 1 where sku = ?", sku);
            update(
                    checkout,
                    "insert into orders (id, customer_email, status, currency, total, payment_authorization, created_at, "
                            + "last_event_seq, version) values (?, ?, 'PLACED', 'EUR', 10.00, ?, ?, 1, 0)",
                    orderId,
                    email,
                    "auth-early-" + orderId,
                    Timestamp.from(now));
            update(
                    checkout,
                    "insert into order_lines (order_id, line_no, sku, quantity, unit_price) values (?, 0, ?, 1, 10.00)",
                    orderId,
                    sku);
            for (Effect effect : Effect.values()) {
                update(
                        checkout,
                        "insert into effect_events (order_id, effect, seq, event_id, event_type, state, updated_at) "
                                + "values (?, ?, 1, ?, 'OrderPlaced', 'PENDING', ?)",
                        orderId,
                        effect.name(),
                        eventId,
                        Timestamp.from(now));
            }
            ExternalProducer.publish(
                    new ExternalProducer.Message(
                            placed(orderId, eventId, email, sku, now),
                            eventId,
                            orderId.toString()));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Database.number(
                                                            "select count(distinct effect) from effect_failures where order_id = ? and failure_class like '%EventNotRecorded'",
                                                            orderId))
                                            .as(
                                                    "effects that found no rows yet, and rolled back to retry")
                                            .isEqualTo(Effect.values().length));
            checkout.commit();
        }

        Checker.verifyEveryEffectOnce(List.of(orderId.toString()), Duration.ofSeconds(90));
    }

    @Test
    void a_failure_raised_only_at_commit_is_recorded_and_the_event_retried() {
        String sku = Products.create("at-commit", 1);
        // checked when the transaction commits (prepares), not when the row is written: the
        // consumer's code has returned
        Faults.refuseFirstCommitOfSales(sku);
        String orderId;
        try {
            orderId = Orders.place(Orders.uniqueCustomer("at-commit"), sku, "1");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    Database.number(
                                                            "select count(*) from effect_failures where order_id = ? and effect = 'ANALYTICS' and failure_class like '%CommitFailed'",
                                                            UUID.fromString(orderId)))
                                            .isEqualTo(1));
        } finally {
            Faults.stopRefusingCommitsOfSales();
        }

        Checker.verifyEveryEffectOnce(List.of(orderId), Duration.ofSeconds(60));
        assertThat(Orders.effects(orderId).getJsonObject("analytics").getInt("attempts"))
                .as("the successful delivery after the one that failed at commit")
                .isEqualTo(2);
    }

    private static String placed(
            UUID orderId, String eventId, String email, String sku, Instant at) {
        return ExternalProducer.eventOf(
                ExternalProducer.orderOfOneUnit(orderId.toString(), email, at.toString(), sku),
                "OrderPlaced",
                eventId,
                1);
    }

    private static void update(Connection connection, String sql, Object... parameters)
            throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
