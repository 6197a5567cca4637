package io.orderflow.devservices;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One broker of a primary/backup pair with a shared store: artemis-config's broker.xml with nothing
 * changed, plus what only a member of the pair has: the journal's folders in the one store both
 * share (on real hosts, a shared file system), its HA policy, and a cluster connection to the other
 * through which clients learn of the backup. Shared store rather than replication: the store's file
 * lock decides which broker serves, so two can never serve at once, which replication with one pair
 * can only promise with a quorum service beside it.
 */
public final class SharedStorePair {

    private static final String CORE = "urn:activemq:core";

    private SharedStorePair() {}

    /**
     * Writes the member's broker.xml to {@code target}.
     *
     * @param primary the primary serves first; the backup waits for the store's lock and takes over
     *     when the primary dies, and gives the store back when the primary returns
     */
    public static Path configure(
            Path brokerXml,
            Path target,
            boolean primary,
            Path store,
            int ownPort,
            int peerPort,
            String clusterPassword)
            throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(brokerXml.toFile());
            Element core = (Element) document.getElementsByTagNameNS(CORE, "core").item(0);
            for (String folder : new String[] {"journal", "bindings", "paging", "large-messages"}) {
                child(core, folder + "-directory").setTextContent(store.resolve(folder).toString());
            }
            Element connectors = append(core, "connectors");
            append(connectors, "connector", "self", "tcp://127.0.0.1:" + ownPort);
            append(connectors, "connector", "peer", "tcp://127.0.0.1:" + peerPort);
            append(core, "cluster-user").setTextContent("orderflow-cluster");
            append(core, "cluster-password").setTextContent(clusterPassword);
            Element cluster = append(append(core, "cluster-connections"), "cluster-connection");
            cluster.setAttribute("name", "orderflow-pair");
            append(cluster, "connector-ref").setTextContent("self");
            append(append(cluster, "static-connectors"), "connector-ref").setTextContent("peer");
            Element member =
                    append(
                            append(append(core, "ha-policy"), "shared-store"),
                            primary ? "primary" : "backup");
            // a clean stop of the primary hands over too, so that a rolling restart loses no time
            append(member, "failover-on-shutdown").setTextContent("true");
            if (!primary) {
                append(member, "allow-failback").setTextContent("true");
            }
            Files.createDirectories(target.getParent());
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter xml = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(xml));
            // it holds the cluster password
            Secrets.write(target, xml.toString());
            return target;
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IOException("Could not write the pair's broker.xml from " + brokerXml, e);
        }
    }

    private static Element child(Element parent, String name) {
        Node found = parent.getElementsByTagNameNS(CORE, name).item(0);
        if (found == null) {
            throw new IllegalStateException("broker.xml has no " + name);
        }
        return (Element) found;
    }

    private static Element append(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElementNS(CORE, name);
        parent.appendChild(child);
        return child;
    }

    private static void append(Element parent, String name, String nameAttribute, String text) {
        Element child = append(parent, name);
        child.setAttribute("name", nameAttribute);
        child.setTextContent(text);
    }
}
