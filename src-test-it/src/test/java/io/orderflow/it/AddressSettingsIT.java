package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.effects.Effect;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.Deployments;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the running broker resolves for each effect address, after WildFly's root setting '#' has
 * been merged in, is the policy artemis-config states. This is where the max-redelivery-delay=0
 * trap would show.
 */
@ExtendWith(ArquillianExtension.class)
class AddressSettingsIT {

    @Deployment(testable = false)
    static EnterpriseArchive orderFlow() {
        return Deployments.orderFlow();
    }

    @ParameterizedTest
    @EnumSource(Effect.class)
    void the_resolved_redelivery_policy_is_the_one_artemis_config_states(Effect effect)
            throws Exception {
        Map<String, String> intended = policyInBrokerXml(effect.queue());

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

    private static Map<String, String> policyInBrokerXml(String address) throws Exception {
        try (InputStream xml =
                AddressSettingsIT.class.getClassLoader().getResourceAsStream("broker.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList settings =
                    factory.newDocumentBuilder()
                            .parse(xml)
                            .getElementsByTagNameNS("*", "address-setting");
            for (int i = 0; i < settings.getLength(); i++) {
                Element setting = (Element) settings.item(i);
                if (setting.getAttribute("match").equals(address)) {
                    Map<String, String> values = new HashMap<>();
                    for (Node child = setting.getFirstChild();
                            child != null;
                            child = child.getNextSibling()) {
                        if (child instanceof Element element) {
                            values.put(element.getLocalName(), element.getTextContent().trim());
                        }
                    }
                    return values;
                }
            }
        }
        throw new AssertionError("broker.xml has no address-setting for " + address);
    }
}
