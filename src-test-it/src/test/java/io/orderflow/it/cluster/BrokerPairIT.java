package io.orderflow.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.devservices.BrokerPair;
import io.orderflow.devservices.Secrets;
import io.orderflow.devservices.StandaloneBroker;
import io.orderflow.devservices.WildFlyServer;
import io.orderflow.messaging.Queues;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker pair: two standalone brokers on artemis-config's broker.xml sharing one store. The
 * primary is killed with kill -9 while a client sends; the backup takes over, the client fails over
 * on its own and nothing it was told was sent is lost or doubled; the old primary, started again,
 * takes the store back without ever serving beside the backup.
 */
class BrokerPairIT {

    private static final String QUEUE = Queues.PAYMENT_VOIDS;
    private static final int BEFORE_THE_KILL = 200;
    private static final int AFTER_THE_KILL = 200;

    private final String brokerPassword = Secrets.generated();
    private BrokerPair pair;

    @AfterEach
    void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void the_backup_takes_over_a_killed_primary_and_gives_the_store_back_when_it_returns()
            throws Exception {
        pair = TestPairs.start("orderflow.it.broker.pair", brokerPassword);
        StandaloneBroker primaryBroker = pair.primary;
        StandaloneBroker backupBroker = pair.backup;
        assertThat(backupBroker.isActive())
                .as("a backup serves nothing while the primary holds the store")
                .isFalse();

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(pair.clientUrl());
        try (Connection connection =
                factory.createConnection(WildFlyServer.BROKER_USER, brokerPassword)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger resent = new AtomicInteger();
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<?> sending =
                    sender.submit(
                            () -> {
                                for (int n = 0; n < BEFORE_THE_KILL + AFTER_THE_KILL; n++) {
                                    resent.addAndGet(send(session, producer, n));
                                    sent.incrementAndGet();
                                }
                                return null;
                            });
            // the kill lands while sends are under way, one of them likely in flight
            await().atMost(Duration.ofMinutes(1)).until(() -> sent.get() >= BEFORE_THE_KILL);
            int sentAtTheKill = sent.get();
            Instant killed = Instant.now();
            pair.killPrimaryAndAwaitBackup();
            Duration takeover = Duration.between(killed, Instant.now());
            sending.get(2, TimeUnit.MINUTES);
            sender.shutdown();
            System.out.printf(
                    "broker pair: killed after %d sends; the backup served %d ms after the kill; %d sends"
                            + " repeated across the failover%n",
                    sentAtTheKill, takeover.toMillis(), resent.get());

            connection.start();
            assertThat(receiveAll(session))
                    .as("every message the client was told was sent, once")
                    .hasSize(BEFORE_THE_KILL + AFTER_THE_KILL)
                    .allSatisfy(
                            n -> assertThat(n).isBetween(0, BEFORE_THE_KILL + AFTER_THE_KILL - 1));
        }

        pair.relaunchPrimary();
        AtomicInteger bothServing = new AtomicInteger();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            boolean primaryServes = primaryBroker.isActive();
                            boolean backupServes = backupBroker.isActive();
                            if (primaryServes && backupServes) {
                                bothServing.incrementAndGet();
                            }
                            return primaryServes && !backupServes;
                        });
        assertThat(bothServing).as("moments when both served").hasValue(0);
        assertThat(pair.primaryProcess().isAlive()).isTrue();
    }

    /**
     * Sends message n with its own duplicate id, again if the send failed in the failover: the
     * broker drops the copy of one that did get in. Returns how many times it was sent again.
     */
    private static int send(Session session, MessageProducer producer, int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        for (int again = 0; ; again++) {
            try {
                Message message = session.createTextMessage("n=" + n);
                message.setIntProperty("n", n);
                message.setStringProperty("_AMQ_DUPL_ID", "broker-pair-" + n);
                producer.send(message);
                return again;
            } catch (JMSException failover) {
                if (Instant.now().isAfter(deadline)) {
                    throw failover;
                }
            }
        }
    }

    private static Set<Integer> receiveAll(Session session) throws JMSException {
        Set<Integer> received = new HashSet<>();
        int messages = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
            for (Message message = consumer.receive(10_000);
                    message != null;
                    message = consumer.receive(2_000)) {
                received.add(message.getIntProperty("n"));
                messages++;
            }
        }
        assertThat(messages)
                .as("messages received, duplicates included")
                .isEqualTo(received.size());
        return received;
    }
}
