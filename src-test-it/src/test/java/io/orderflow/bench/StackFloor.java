package io.orderflow.bench;

import io.orderflow.bench.floor.FloorConsumer;
import io.orderflow.it.support.Broker;
import io.orderflow.it.support.ExternalProducer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What this WildFly, broker and PostgreSQL can do at all with OrderFlow's transaction design: a
 * backlog of persistent messages drained by a bare message-driven bean that only claims the inbox
 * and commits ({@link FloorConsumer}), measured like the capacity phase. An order is seven such
 * transactions (its checkout and six effects) at the very least.
 */
final class StackFloor {

    /** The orders' own transactions: the checkout and one per effect. */
    private static final int TRANSACTIONS_PER_ORDER = 7;

    private final BenchRun run;

    StackFloor(BenchRun run) {
        this.run = run;
    }

    void measure(String perfPassword, CheckoutCapacity.Result capacity) throws Exception {
        int messages = run.settings.floorMessages();
        Broker.addQueue(FloorConsumer.QUEUE);
        Broker.grant(FloorConsumer.QUEUE, BrokerCeiling.PERF_ROLE, "orderflow");
        Broker.bind(FloorConsumer.QUEUE, FloorConsumer.JNDI_NAME);
        Path war = run.report.folder().resolve("orderflow-bench-floor.war");
        ShrinkWrap.create(WebArchive.class, war.getFileName().toString())
                .addClass(FloorConsumer.class)
                .as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        if (!run.wildFly.deploy(war, Duration.ofMinutes(2))) {
            throw new IllegalStateException("the floor's bean did not deploy");
        }
        Broker.pause(FloorConsumer.QUEUE);
        fill(perfPassword, messages);
        run.watch.peaks();
        Instant start = Instant.now();
        Broker.resume(FloorConsumer.QUEUE);
        String claimed =
                "select count(*) from processed_messages where consumer = '"
                        + FloorConsumer.CONSUMER
                        + "'";
        BenchRun.pollUntil(Duration.ofMinutes(10), () -> run.count(claimed) >= messages);
        ServerWatch.Peaks usage = run.watch.peaks();
        double seconds =
                Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        long drained = run.count(claimed);
        double perSecond = drained / seconds;
        double wildFlyMillis = usage.wildFlyCpuMillisPer(drained, seconds);
        double machineMillis = usage.machineCpuMillisPer(drained, seconds);
        run.report.section(
                "The stack's own floor",
                String.format(
                        Locale.ROOT,
                        "%d persistent 1 KiB messages, queued first, then drained by a bare message-driven bean "
                                + "(4 sessions, as most effects) that claims the inbox and commits in the same XA "
                                + "transaction over the broker and PostgreSQL as an effect: **%.0f transactions/s**, "
                                + "**%.1f ms of WildFly's CPU** and %.1f ms of the machine's per transaction. An order "
                                + "is %d transactions (its checkout and six effects): at least %.0f ms of WildFly's CPU "
                                + "and %.0f ms of the machine's on this stack, against %.0f and %.0f measured per order "
                                + "in the capacity phase; what is above the floor is OrderFlow's own work.",
                        drained,
                        perSecond,
                        wildFlyMillis,
                        machineMillis,
                        TRANSACTIONS_PER_ORDER,
                        TRANSACTIONS_PER_ORDER * wildFlyMillis,
                        TRANSACTIONS_PER_ORDER * machineMillis,
                        capacity.wildFlyCpuMillisPerOrder(),
                        capacity.machineCpuMillisPerOrder()));
        run.report.table(
                List.of("per", "WildFly CPU ms", "machine CPU ms"),
                List.of(
                        List.of(
                                "bare transaction (the floor)",
                                Report.ms(wildFlyMillis),
                                Report.ms(machineMillis)),
                        List.of(
                                "order, at the floor (× " + TRANSACTIONS_PER_ORDER + ")",
                                Report.ms(TRANSACTIONS_PER_ORDER * wildFlyMillis),
                                Report.ms(TRANSACTIONS_PER_ORDER * machineMillis)),
                        List.of(
                                "order, measured",
                                Report.ms(capacity.wildFlyCpuMillisPerOrder()),
                                Report.ms(capacity.machineCpuMillisPerOrder()))));
        run.report.data(
                "floor",
                Json.createObjectBuilder()
                        .add("messages", drained)
                        .add("transactionsPerSecond", perSecond)
                        .add("wildFlyCpuMillisPerTransaction", wildFlyMillis)
                        .add("machineCpuMillisPerTransaction", machineMillis));
        run.phaseDone("stack floor");
    }

    /**
     * Persistent 1 KiB messages, each with its own message id, sent from outside the server as the
     * perf client's user, a hundred per transaction so that filling takes seconds.
     */
    private static void fill(String perfPassword, int messages) throws JMSException {
        byte[] body = new byte[1024];
        try (Connection connection =
                ExternalProducer.connect(BrokerCeiling.PERF_USER, perfPassword)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer =
                    session.createProducer(session.createQueue(FloorConsumer.QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 1; i <= messages; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
                if (i % 100 == 0 || i == messages) {
                    session.commit();
                }
            }
        }
    }
}
