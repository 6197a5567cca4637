package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A primary and a backup broker on artemis-config's broker.xml with one shared store: the primary
 * serving, the backup announced and waiting. The cluster run command and the tests start it alike.
 */
public final class BrokerPair implements AutoCloseable {

    /** The backup's acceptor, beside the primary's. */
    private static final int BACKUP_PORT_OFFSET = 10;

    public final StandaloneBroker primary;
    public final StandaloneBroker backup;
    public final int primaryPort;
    public final int backupPort;
    private Process primaryProcess;
    private Process backupProcess;

    private BrokerPair(
            StandaloneBroker primary, StandaloneBroker backup, int primaryPort, int backupPort) {
        this.primary = primary;
        this.backup = backup;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
    }

    /**
     * Lays both out in {@code folder} (journal and instances kept from an earlier start) and starts
     * them: the primary on {@code primaryPort} with its console on {@code consolePort}, the backup
     * ten ports above and its console one above. OrderFlow's identity gets {@code brokerPassword},
     * its management identity {@code managementPassword}, the consoles' user {@code adminPassword}.
     */
    public static BrokerPair start(
            Path artemisHome,
            Path brokerXml,
            Path folder,
            int primaryPort,
            int consolePort,
            String brokerPassword,
            String adminPassword,
            String managementPassword)
            throws Exception {
        int backupPort = primaryPort + BACKUP_PORT_OFFSET;
        // both members must carry the same; a new one each start is as good as a kept one
        String clusterPassword = Secrets.generated();
        BrokerPair pair =
                new BrokerPair(
                        new StandaloneBroker(
                                artemisHome, folder.resolve("primary"), primaryPort, consolePort),
                        new StandaloneBroker(
                                artemisHome, folder.resolve("backup"), backupPort, consolePort + 1),
                        primaryPort,
                        backupPort);
        for (boolean isPrimary : new boolean[] {true, false}) {
            StandaloneBroker member = isPrimary ? pair.primary : pair.backup;
            String name = isPrimary ? "primary" : "backup";
            member.prepare(
                    SharedStorePair.configure(
                            brokerXml,
                            folder.resolve(name + "-broker.xml"),
                            isPrimary,
                            folder.resolve("store"),
                            isPrimary ? primaryPort : backupPort,
                            isPrimary ? backupPort : primaryPort,
                            clusterPassword),
                    adminPassword,
                    brokerPassword,
                    managementPassword);
        }
        pair.primaryProcess = pair.primary.start(Duration.ofMinutes(2));
        pair.backupProcess = pair.backup.launch();
        // backup announced: clients learn of it through the primary
        pair.awaitBackupLog("AMQ221031", Duration.ofMinutes(2));
        return pair;
    }

    /** The client URL that knows both brokers and fails over on its own. */
    public String clientUrl() {
        return "(tcp://127.0.0.1:"
                + primaryPort
                + ",tcp://127.0.0.1:"
                + backupPort
                + ")"
                + "?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.0";
    }

    public Process primaryProcess() {
        return primaryProcess;
    }

    public Process backupProcess() {
        return backupProcess;
    }

    /**
     * Starts the primary again after it died, without waiting: it may have to wait for the store.
     */
    public Process relaunchPrimary() throws IOException {
        primaryProcess = primary.launch();
        return primaryProcess;
    }

    /** kill -9 of the primary; returns once the backup serves. */
    public void killPrimaryAndAwaitBackup() throws Exception {
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

    private void awaitBackupLog(String text, Duration atMost)
            throws IOException, InterruptedException {
        Path log = backup.instance().resolve("log/console.log");
        Instant deadline = Instant.now().plus(atMost);
        while (Files.notExists(log) || !Files.readString(log).contains(text)) {
            if (!backupProcess.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "The backup broker did not announce itself; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
