package io.orderflow.it.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.it.soak.History.Call;
import io.orderflow.it.soak.History.Type;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.BrokerConsole;
import io.orderflow.it.support.Checker;
import io.orderflow.it.support.Database;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.Downstreams;
import io.orderflow.it.support.Orders;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The checker over a whole soak, run once the faults are healed: each property of the guarantees
 * judged on its own, so that the report says which held and which did not.
 */
final class SoakChecks {

    record Verdict(String property, boolean held, String detail) {}

    private final History history;
    private final Workload workload;
    private final String customers;
    private final String sensor;
    private final Set<String> authorizationsBefore;
    private final BrokerConsole broker;
    private final List<Verdict> verdicts = new ArrayList<>();

    SoakChecks(
            History history,
            Workload workload,
            String customers,
            String sensor,
            Set<String> authorizationsBefore,
            BrokerConsole broker) {
        this.history = history;
        this.workload = workload;
        this.customers = customers;
        this.sensor = sensor;
        this.authorizationsBefore = authorizationsBefore;
        this.broker = broker;
    }

    /**
     * @param forged the events a producer's bug published (by id, with the orders they name, which
     *     nobody placed)
     */
    List<Verdict> run(List<Nemesis.Injected> injected, Map<String, String> forged) {
        judge(
                "every fault broken and healed as planned (a node back serving, the broker failed back)",
                () -> {
                    List<String> troubles =
                            injected.stream()
                                    .filter(fault -> !fault.trouble().isEmpty())
                                    .map(fault -> fault.fault() + ": " + fault.trouble())
                                    .toList();
                    assertThat(troubles).as("faults that could not be healed").isEmpty();
                    return injected.size() + " faults";
                });
        judge(
                "nothing left in doubt in PostgreSQL or on the broker",
                () -> {
                    Checker.awaitNoTransactionInDoubt(Duration.ofMinutes(4), broker);
                    return "no prepared transaction";
                });
        judge(
                "every forged event refused by each effect, discarded by an operator with a reason, applied nowhere",
                () -> forgedEvents(forged));
        judge(
                "every dead letter on the desk with its reason, and applied once an operator retries it",
                this::deadLetters);
        List<String> recorded =
                Database.texts(
                        "select id::text from orders where customer_email like ?", customers + "%");
        judge(
                "every accepted checkout recorded, one order per Idempotency-Key",
                () -> oneOrderPerKey(recorded));
        judge(
                "every order's effects applied once each, in sequence (a cancellation never before its order), stock, sales, search and payments right",
                () -> {
                    Checker.ExternalCounts outside =
                            Checker.verifyEveryEffectOnce(recorded, Duration.ofMinutes(10));
                    return String.format(
                            "%d orders; outside our walls %d repeated mails and %d repeated webhooks, which the receivers drop by Message-ID and by order",
                            recorded.size(), outside.duplicateMails(), outside.duplicateWebhooks());
                });
        judge(
                "one authorization standing per order not cancelled, every other voided",
                this::authorizations);
        judge(
                "effect queues back to zero",
                () -> {
                    Checker.assertEffectQueuesEmpty();
                    return "every effect's queue empty";
                });
        judge("every accepted telemetry reading written once", this::telemetry);
        return verdicts;
    }

    private String oneOrderPerKey(List<String> recorded) {
        List<Call> checkouts =
                history.calls().stream()
                        .filter(call -> call.type() == Type.ORDER || call.type() == Type.REPLAY)
                        .toList();
        Set<String> accepted =
                checkouts.stream()
                        .filter(Call::accepted)
                        .map(Call::orderId)
                        .collect(Collectors.toSet());
        assertThat(recorded).as("accepted checkouts recorded").containsAll(accepted);
        Map<String, Set<String>> ordersPerKey =
                checkouts.stream()
                        .filter(Call::accepted)
                        .collect(
                                Collectors.groupingBy(
                                        Call::key,
                                        Collectors.mapping(Call::orderId, Collectors.toSet())));
        assertThat(ordersPerKey.values())
                .as("every answer under one key names the same order")
                .allSatisfy(orders -> assertThat(orders).hasSize(1));
        assertThat(
                        Database.number(
                                "select count(*) from (select customer_email from orders where customer_email like ? "
                                        + "group by customer_email having count(*) > 1) twice",
                                customers + "%"))
                .as("customers (each one key) with two orders")
                .isZero();
        return String.format(
                "%d checkouts and retries asked, %d orders accepted, %d recorded (%d of them without a 201 reaching their client)",
                checkouts.size(),
                accepted.size(),
                recorded.size(),
                recorded.size() - accepted.size());
    }

    /**
     * The operator's round once the faults are healed: every dead letter left is on the desk with
     * the reason it failed for, and retried from there it leaves the desk (and is applied once: the
     * next property).
     */
    private static String forgedEvents(Map<String, String> forged) {
        for (Map.Entry<String, String> event : forged.entrySet()) {
            assertThat(Nemesis.discards(List.of(event.getKey())))
                    .as("effects whose dead letter of %s was discarded with the reason", event)
                    .isEqualTo(Orders.EFFECTS.size());
            UUID order = UUID.fromString(event.getValue());
            assertThat(
                            Database.number(
                                    "select (select count(*) from search_orders where order_id = ?)"
                                            + " + (select count(*) from stock_allocations where order_id = ?)",
                                    order,
                                    order))
                    .as("rows of the order %s nobody placed", order)
                    .isZero();
            assertThat(Downstreams.mails(event.getValue(), "OrderPlaced")).isZero();
            assertThat(Downstreams.fulfilmentRequests(event.getValue())).isZero();
        }
        return forged.isEmpty()
                ? "none in this schedule"
                : forged.size()
                        + " forged, each discarded from "
                        + Orders.EFFECTS.size()
                        + " effects";
    }

    private String deadLetters() {
        List<JsonObject> letters = DeadLetterDesk.letters();
        assertThat(letters)
                .as("dead letters with their reason")
                .allSatisfy(
                        letter ->
                                assertThat(letter.getJsonObject("failure").getString("message"))
                                        .isNotBlank());
        if (letters.isEmpty()) {
            return "none";
        }
        Api.Reply retried =
                DeadLetterDesk.retry(
                        letters.stream().map(letter -> letter.getString("messageId")).toList());
        assertThat(retried.status()).as(retried.described()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () ->
                                assertThat(DeadLetterDesk.letters())
                                        .as("left on the desk after the retry")
                                        .isEmpty());
        return letters.size()
                + " retried: "
                + letters.stream()
                        .map(
                                letter ->
                                        letter.getString("source")
                                                + " "
                                                + letter.getString("eventType", "")
                                                + " ("
                                                + firstLine(
                                                        letter.getJsonObject("failure")
                                                                .getString("message"))
                                                + ")")
                        .collect(Collectors.joining("; "));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    private String authorizations() {
        Set<String> expected =
                new HashSet<>(
                        Database.texts(
                                "select payment_authorization from orders where customer_email like ? and status <> 'CANCELLED'",
                                customers + "%"));
        Checker.awaitAuthorizationsStanding(authorizationsBefore, expected);
        return expected.size() + " standing, each an order's";
    }

    private String telemetry() {
        long written = Database.readingsOf(sensor);
        assertThat(written)
                .as("readings written: at least those accepted, at most those sent")
                .isBetween(workload.readingsAccepted(), workload.readingsSent());
        return String.format(
                "%d sent, %d accepted, %d written",
                workload.readingsSent(), workload.readingsAccepted(), written);
    }

    private void judge(String property, Check check) {
        try {
            verdicts.add(new Verdict(property, true, check.run()));
        } catch (AssertionError | RuntimeException failed) {
            verdicts.add(new Verdict(property, false, String.valueOf(failed.getMessage()).strip()));
        }
    }

    @FunctionalInterface
    private interface Check {
        String run();
    }
}
