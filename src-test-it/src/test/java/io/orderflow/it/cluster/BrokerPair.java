package io.orderflow.it.cluster;

import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.Processes;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.SharedStorePair;
import io.orderflow.devservices.StandaloneBroker;
import io.orderflow.devservices.WildFlyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A primary and a backup broker on artemis-config's broker.xml with one shared store, started for a
 * test: the primary serving, the backup announced and waiting.
 */
final class BrokerPair implements AutoCloseable {

    final StandaloneBroker primary;
    final StandaloneBroker backup;
    final int primaryPort;
    final int backupPort;
    Process primaryProcess;
    Process backupProcess;

    private BrokerPair(
            StandaloneBroker primary, StandaloneBroker backup, int primaryPort, int backupPort) {
        this.primary = primary;
        this.backup = backup;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
    }

    /**
     * Lays both out afresh in the folder the system property names and starts them on the tests'
     * pair ports; OrderFlow's identity gets the password.
     */
    static BrokerPair start(String folderProperty, String brokerPassword) throws Exception {
        Path base = Path.of(System.getProperty(folderProperty));
        int primaryPort = Integer.getInteger("orderflow.it.broker.pair.port");
        WildFlyServer.deleteRecursively(base);
        int backupPort = primaryPort + 10;
        String clusterPassword = Secrets.generated();
        BrokerPair pair =
                new BrokerPair(
                        member(
                                base,
                                "primary",
                                true,
                                primaryPort,
                                backupPort,
                                brokerPassword,
                                clusterPassword),
                        member(
                                base,
                                "backup",
                                false,
                                backupPort,
                                primaryPort,
                                brokerPassword,
                                clusterPassword),
                        primaryPort,
                        backupPort);
        pair.primaryProcess = pair.primary.start(Duration.ofMinutes(2));
        pair.backupProcess = pair.backup.launch();
        // backup announced: clients learn of it through the primary
        awaitLog(pair.backup, "AMQ221031", Duration.ofMinutes(2));
        return pair;
    }

    /** The client URL that knows both brokers and fails over on its own. */
    String clientUrl() {
        return "(tcp://127.0.0.1:"
                + primaryPort
                + ",tcp://127.0.0.1:"
                + backupPort
                + ")"
                + "?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.0";
    }

    /** kill -9 of the primary; returns once the backup serves. */
    void killPrimaryAndAwaitBackup() throws Exception {
        Processes.kill(primaryProcess);
        backup.awaitActive(backupProcess, Duration.ofMinutes(1));
    }

    @Override
    public void close() throws Exception {
        for (Process broker : new Process[] {primaryProcess, backupProcess}) {
            if (broker != null && broker.isAlive()) {
                Processes.stop(broker, Duration.ofSeconds(60));
            }
        }
    }

    private static StandaloneBroker member(
            Path base,
            String name,
            boolean isPrimary,
            int port,
            int peerPort,
            String brokerPassword,
            String clusterPassword)
            throws Exception {
        StandaloneBroker broker =
                new StandaloneBroker(
                        Path.of(System.getProperty("orderflow.artemis.home")),
                        base.resolve(name),
                        port,
                        port + 1);
        Path brokerXml =
                SharedStorePair.configure(
                        Path.of(System.getProperty("orderflow.broker.xml")),
                        base.resolve(name + "-broker.xml"),
                        isPrimary,
                        base.resolve("store"),
                        port,
                        peerPort,
                        clusterPassword);
        broker.prepare(brokerXml, Secrets.generated(), brokerPassword);
        return broker;
    }

    private static void awaitLog(StandaloneBroker broker, String text, Duration atMost) {
        Path log = broker.instance().resolve("log/console.log");
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(log) && Files.readString(log).contains(text));
    }
}
