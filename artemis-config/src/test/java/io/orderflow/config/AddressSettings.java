package io.orderflow.config;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * broker.xml's address settings, and what a broker resolves from them for one address. Shared, as
 * this module's test jar, with the integration tests, which hold the running brokers against it.
 */
public final class AddressSettings {

    private AddressSettings() {}

    /** Every address setting of the document, by its match: element name to text. */
    public static Map<String, Map<String, String>> of(Document broker) {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        NodeList elements = broker.getElementsByTagNameNS("*", "address-setting");
        for (int i = 0; i < elements.getLength(); i++) {
            Element setting = (Element) elements.item(i);
            Map<String, String> values = new TreeMap<>();
            for (Node child = setting.getFirstChild();
                    child != null;
                    child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    values.put(element.getLocalName(), element.getTextContent().trim());
                }
            }
            settings.put(setting.getAttribute("match"), values);
        }
        return settings;
    }

    /**
     * What the broker resolves for an address: the setting of its own name, then each setting whose
     * {@code #} wildcard matches it, the most specific first.
     */
    public static Map<String, String> resolved(
            Map<String, Map<String, String>> settings, String address) {
        Map<String, String> resolved = new TreeMap<>(settings.getOrDefault(address, Map.of()));
        settings.keySet().stream()
                .filter(match -> match.endsWith("#"))
                .filter(match -> address.startsWith(match.substring(0, match.length() - 1)))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(match -> settings.get(match).forEach(resolved::putIfAbsent));
        return resolved;
    }
}
