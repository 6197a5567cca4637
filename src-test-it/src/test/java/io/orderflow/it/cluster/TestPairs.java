package io.orderflow.it.cluster;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.it.support.TestServices;
import java.nio.file.Path;

/** The broker pair a cluster test starts afresh, on the tests' pair ports. */
final class TestPairs {

    private TestPairs() {}

    /**
     * Empties the folder the system property names and starts a pair there: the primary on {@code
     * orderflow.it.broker.pair.port}, its console one port above; the consoles answer to {@link
     * TestServices#brokerConsolePassword()}.
     */
    static BrokerPair start(String folderProperty, String brokerPassword) throws Exception {
        return start(Path.of(System.getProperty(folderProperty)), brokerPassword);
    }

    /** The same in the folder given. */
    static BrokerPair start(Path folder, String brokerPassword) throws Exception {
        WildFlyServer.deleteRecursively(folder);
        int port = Integer.getInteger("orderflow.it.broker.pair.port");
        return BrokerPair.start(
                Path.of(System.getProperty("orderflow.artemis.home")),
                Path.of(System.getProperty("orderflow.broker.xml")),
                folder,
                port,
                port + 1,
                brokerPassword,
                TestServices.brokerConsolePassword(),
                TestServices.managementPassword());
    }
}
