package io.orderflow.it.support;

import java.io.InputStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What artemis-config's broker.xml states, to hold a running broker against. */
public final class BrokerXml {

    private BrokerXml() {}

    /**
     * The policy broker.xml gives this address, element name to text: its own setting, then each
     * setting whose {@code #} wildcard matches it, the most specific first, as the broker merges
     * them.
     */
    public static Map<String, String> policyOf(String address) throws Exception {
        Map<String, Map<String, String>> settings = new HashMap<>();
        try (InputStream xml = BrokerXml.class.getClassLoader().getResourceAsStream("broker.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList elements =
                    factory.newDocumentBuilder()
                            .parse(xml)
                            .getElementsByTagNameNS("*", "address-setting");
            for (int i = 0; i < elements.getLength(); i++) {
                Element setting = (Element) elements.item(i);
                Map<String, String> values = new HashMap<>();
                for (Node child = setting.getFirstChild();
                        child != null;
                        child = child.getNextSibling()) {
                    if (child instanceof Element element) {
                        values.put(element.getLocalName(), element.getTextContent().trim());
                    }
                }
                settings.put(setting.getAttribute("match"), values);
            }
        }
        if (!settings.containsKey(address)) {
            throw new AssertionError("broker.xml has no address-setting for " + address);
        }
        Map<String, String> policy = new HashMap<>(settings.get(address));
        settings.keySet().stream()
                .filter(match -> match.endsWith("#"))
                .filter(match -> address.startsWith(match.substring(0, match.length() - 1)))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(match -> settings.get(match).forEach(policy::putIfAbsent));
        return policy;
    }
}
