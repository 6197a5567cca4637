package io.orderflow.it.support;

import io.orderflow.config.AddressSettings;
import java.io.InputStream;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

/** What artemis-config's broker.xml states, to hold a running broker against. */
public final class BrokerXml {

    private BrokerXml() {}

    /**
     * The policy broker.xml gives this address, element name to text: its own setting merged with
     * the wildcard settings that match it, as the broker merges them.
     */
    public static Map<String, String> policyOf(String address) throws Exception {
        Map<String, Map<String, String>> settings;
        try (InputStream xml = BrokerXml.class.getClassLoader().getResourceAsStream("broker.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            settings = AddressSettings.of(factory.newDocumentBuilder().parse(xml));
        }
        if (!settings.containsKey(address)) {
            throw new AssertionError("broker.xml has no address-setting for " + address);
        }
        return AddressSettings.resolved(settings, address);
    }
}
