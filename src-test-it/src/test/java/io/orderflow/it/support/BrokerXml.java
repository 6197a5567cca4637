package io.orderflow.it.support;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What artemis-config's broker.xml states, to hold a running broker against. */
public final class BrokerXml {

    private BrokerXml() {}

    /** The address setting whose match is exactly this address: element name to text. */
    public static Map<String, String> policyOf(String address) throws Exception {
        try (InputStream xml = BrokerXml.class.getClassLoader().getResourceAsStream("broker.xml")) {
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
