package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.BrokerXml;
import java.math.BigDecimal;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the running broker resolves for each effect address, after WildFly's root setting '#' has
 * been merged in, is the policy artemis-config states. This is where the max-redelivery-delay=0
 * trap would show.
 */
@ExtendWith(ArquillianExtension.class)
class AddressSettingsIT {

    @ParameterizedTest
    @EnumSource(Effect.class)
    void the_resolved_redelivery_policy_is_the_one_artemis_config_states(Effect effect)
            throws Exception {
        Map<String, String> intended = BrokerXml.policyOf(effect.queue());

        ModelNode resolved = Broker.resolveAddressSetting(effect.queue());

        assertThat(resolved.get("redelivery-delay").asLong())
                .isEqualTo(Long.parseLong(intended.get("redelivery-delay")));
        assertThat(BigDecimal.valueOf(resolved.get("redelivery-multiplier").asDouble()))
                .isEqualByComparingTo(intended.get("redelivery-delay-multiplier"));
        assertThat(resolved.get("max-redelivery-delay").asLong())
                .isEqualTo(Long.parseLong(intended.get("max-redelivery-delay")))
                .isGreaterThanOrEqualTo(resolved.get("redelivery-delay").asLong())
                .isPositive();
        assertThat(resolved.get("max-delivery-attempts").asInt())
                .isEqualTo(Integer.parseInt(intended.get("max-delivery-attempts")));
        assertThat(resolved.get("dead-letter-address").asString())
                .isEqualTo("DLQ." + effect.queue());
        assertThat(resolved.get("address-full-policy").asString()).isEqualTo("PAGE");
    }
}
