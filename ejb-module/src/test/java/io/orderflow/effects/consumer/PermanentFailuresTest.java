package io.orderflow.effects.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.effects.analytics.SalesLedger;
import io.orderflow.effects.email.ConfirmationMailer;
import io.orderflow.effects.inventory.StockAllocations;
import io.orderflow.effects.inventory.UnknownProduct;
import io.orderflow.effects.recommendations.CoPurchases;
import io.orderflow.effects.search.OrderIndex;
import io.orderflow.effects.sequencing.EventContradictsRecord;
import io.orderflow.effects.sequencing.EventNotRecorded;
import io.orderflow.effects.warehouse.FulfilmentRequests;
import io.orderflow.effects.warehouse.WarehouseRefused;
import io.orderflow.events.EventType;
import io.orderflow.events.OrderEvent;
import io.orderflow.events.UnreadableEvent;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's table of permanent and transient failures, effect by effect, as each effect's
 * handler judges them for its consumer and its kill switch's probe.
 */
class PermanentFailuresTest {

    private static final OrderEvent EVENT =
            new OrderEvent(
                    OrderEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    EventType.OrderPlaced,
                    UUID.randomUUID().toString(),
                    1,
                    Instant.parse("2026-11-29T10:00:00Z"),
                    "ada@example.com",
                    "EUR",
                    BigDecimal.TEN,
                    List.of());

    static Stream<EffectHandler> everyEffect() {
        return Stream.of(
                new StockAllocations(),
                new ConfirmationMailer(),
                new OrderIndex(),
                new FulfilmentRequests(),
                new SalesLedger(),
                new CoPurchases());
    }

    @ParameterizedTest
    @MethodSource("everyEffect")
    void an_unreadable_event_or_one_the_database_contradicts_fails_for_good_everywhere(
            EffectHandler consumer) {
        assertThat(
                        consumer.isPermanent(
                                new IllegalStateException(
                                        "wrapped", new UnreadableEvent("schema 1"))))
                .isTrue();
        assertThat(consumer.isPermanent(new EventContradictsRecord(EVENT, "no such order")))
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("everyEffect")
    void database_failures_and_unrecorded_events_pass(EffectHandler consumer) {
        assertThat(
                        consumer.isPermanent(
                                new RuntimeException(
                                        new SQLException("deadlock detected", "40P01"))))
                .isFalse();
        assertThat(consumer.isPermanent(new EventNotRecorded(EVENT, Effect.SEARCH))).isFalse();
    }

    @Test
    void inventory_fails_for_good_on_a_sku_the_catalogue_does_not_have() {
        assertThat(new StockAllocations().isPermanent(new UnknownProduct("NOPE-1"))).isTrue();
        assertThat(new FulfilmentRequests().isPermanent(new UnknownProduct("NOPE-1"))).isFalse();
    }

    @Test
    void email_fails_for_good_on_an_address_that_is_not_one_or_is_refused_for_good()
            throws AddressException {
        ConfirmationMailer email = new ConfirmationMailer();
        Address ada = new InternetAddress("ada@example.com");
        assertThat(email.isPermanent(new AddressException("Missing final '@domain'"))).isTrue();
        assertThat(
                        email.isPermanent(
                                new SendFailedException(
                                        "550 no such user", null, null, null, new Address[] {ada})))
                .isTrue();
        assertThat(
                        email.isPermanent(
                                new SendFailedException(
                                        "451 try later", null, null, new Address[] {ada}, null)))
                .isFalse();
        assertThat(
                        email.isPermanent(
                                new MessagingException(
                                        "Could not connect", new ConnectException("refused"))))
                .isFalse();
        assertThat(new OrderIndex().isPermanent(new AddressException("Missing final '@domain'")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 422})
    void the_warehouse_fails_for_good_on_a_client_error(int status) {
        assertThat(new FulfilmentRequests().isPermanent(new WarehouseRefused(status, "no")))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 503})
    void the_warehouse_is_retried_on_a_server_error_and_when_asked_to_come_back(int status) {
        assertThat(new FulfilmentRequests().isPermanent(new WarehouseRefused(status, "later")))
                .isFalse();
        assertThat(
                        new FulfilmentRequests()
                                .isPermanent(new SocketTimeoutException("read timed out")))
                .isFalse();
    }
}
