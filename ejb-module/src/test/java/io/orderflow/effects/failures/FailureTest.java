package io.orderflow.effects.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.OrderId;
import io.orderflow.effects.Effect;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint groups failures with one cause, whatever ids and numbers their messages carry.
 */
class FailureTest {

    @Test
    void ids_and_numbers_in_the_message_do_not_change_the_fingerprint() {
        Failure first =
                Failure.of(
                        Effect.WAREHOUSE,
                        new IllegalStateException(
                                "order "
                                        + UUID.randomUUID()
                                        + " (order "
                                        + OrderId.redacted(UUID.randomUUID().toString())
                                        + ") refused after 1200 ms, request 9f86d081884c7d65"));
        Failure second =
                Failure.of(
                        Effect.WAREHOUSE,
                        new IllegalStateException(
                                "order "
                                        + UUID.randomUUID()
                                        + " (order "
                                        + OrderId.redacted(UUID.randomUUID().toString())
                                        + ") refused after 31 ms, request 2c26b46b68ffc68f"));
        assertThat(first.fingerprint()).isEqualTo(second.fingerprint()).hasSize(12);
    }

    @Test
    void another_cause_another_class_or_another_effect_is_another_fingerprint() {
        String fingerprint =
                Failure.of(Effect.WAREHOUSE, new IllegalStateException("refused")).fingerprint();
        assertThat(
                        Failure.of(Effect.WAREHOUSE, new IllegalStateException("timed out"))
                                .fingerprint())
                .isNotEqualTo(fingerprint);
        assertThat(
                        Failure.of(Effect.WAREHOUSE, new IllegalArgumentException("refused"))
                                .fingerprint())
                .isNotEqualTo(fingerprint);
        assertThat(Failure.of(Effect.EMAIL, new IllegalStateException("refused")).fingerprint())
                .isNotEqualTo(fingerprint);
    }

    @Test
    void the_root_cause_is_what_is_kept() {
        Failure failure =
                Failure.of(
                        Effect.EMAIL,
                        new RuntimeException("wrapper", new IllegalStateException("451 later")));
        assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.summary()).isEqualTo("IllegalStateException: 451 later");
    }
}
