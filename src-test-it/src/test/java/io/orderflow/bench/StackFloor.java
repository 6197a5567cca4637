package io.orderflow.bench;

import io.orderflow.bench.floor.FloorConsumer;
import io.orderflow.bench.floor.LocalFloorConsumer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What this WildFly, broker and PostgreSQL can do at all with OrderFlow's transaction design: a
 * backlog of persistent messages drained by a bare message-driven bean that only claims the inbox
 * and commits ({@link FloorConsumer}), measured like the capacity phase. An order is as many such
 * transactions as the capacity phase counted per order (its checkout's, and its share of the
 * effects' batches; seven, one event at a time) at the very least. The same backlog drained without
 * XA ({@link LocalFloorConsumer}) prices the other design an effect could have.
 */
final class StackFloor {

    private record Design(String name, String queue, String jndiName, String consumer) {}

    private record Drain(
            Design design,
            long messages,
            double perSecond,
            double wildFlyMillis,
            double machineMillis) {}

    private static final List<Design> DESIGNS =
            List.of(
                    new Design(
                            "XA over the broker and PostgreSQL (OrderFlow's effects)",
                            FloorConsumer.QUEUE,
                            FloorConsumer.JNDI_NAME,
                            FloorConsumer.CONSUMER),
                    new Design(
                            "no XA: the claim commits, then the broker's local transaction",
                            LocalFloorConsumer.QUEUE,
                            LocalFloorConsumer.JNDI_NAME,
                            LocalFloorConsumer.CONSUMER));

    private final BenchRun run;

    StackFloor(BenchRun run) {
        this.run = run;
    }

    void measure(String perfPassword, CheckoutCapacity.Result capacity) throws Exception {
        for (Design design : DESIGNS) {
            Broker.addQueue(design.queue());
            Broker.grant(design.queue(), BrokerCeiling.PERF_ROLE, "orderflow");
            Broker.bind(design.queue(), design.jndiName());
        }
        Path war = run.report.folder().resolve("orderflow-bench-floor.war");
        ShrinkWrap.create(WebArchive.class, war.getFileName().toString())
                .addPackage(FloorConsumer.class.getPackage())
                .as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        if (!run.wildFly.deploy(war, Duration.ofMinutes(2))) {
            throw new IllegalStateException("the floor's beans did not deploy");
        }
        List<Drain> drains = new ArrayList<>();
        for (Design design : DESIGNS) {
            drains.add(drain(design, perfPassword));
        }
        Drain xa = drains.get(0);
        Drain local = drains.get(1);
        run.report.section(
                "The stack's own floor",
                String.format(
                        Locale.ROOT,
                        "%d persistent 1 KiB messages, queued first, then drained by a bare message-driven bean "
                                + "(4 sessions, as most effects) that claims the inbox and commits in the same XA "
                                + "transaction over the broker and PostgreSQL as an effect: **%.0f transactions/s**, "
                                + "**%.1f ms of WildFly's CPU** and %.1f ms of the machine's per transaction. An order "
                                + "is %.2f transactions (the capacity phase's count: its checkout's, and its share of the "
                                + "effects' batches): at least %.1f ms of WildFly's CPU and %.1f ms of the machine's on "
                                + "this stack, against %.0f and %.0f measured per order in the capacity phase; what is "
                                + "above the floor is OrderFlow's own work, most of it per event, not per transaction. The same "
                                + "backlog drained without XA (the claim commits on its own, then the broker's local "
                                + "transaction): %.0f transactions/s, %.1f / %.1f ms per transaction, %.0f %% of the XA "
                                + "floor's machine CPU.",
                        xa.messages(),
                        xa.perSecond(),
                        xa.wildFlyMillis(),
                        xa.machineMillis(),
                        capacity.transactionsPerOrder(),
                        capacity.transactionsPerOrder() * xa.wildFlyMillis(),
                        capacity.transactionsPerOrder() * xa.machineMillis(),
                        capacity.wildFlyCpuMillisPerOrder(),
                        capacity.machineCpuMillisPerOrder(),
                        local.perSecond(),
                        local.wildFlyMillis(),
                        local.machineMillis(),
                        100 * local.machineMillis() / Math.max(0.001, xa.machineMillis())));
        List<List<String>> rows = new ArrayList<>();
        var json = Json.createObjectBuilder();
        for (Drain drain : drains) {
            rows.add(
                    List.of(
                            "bare transaction, " + drain.design().name(),
                            String.format(Locale.ROOT, "%.0f", drain.perSecond()),
                            Report.ms(drain.wildFlyMillis()),
                            Report.ms(drain.machineMillis())));
            rows.add(
                    List.of(
                            String.format(
                                    Locale.ROOT,
                                    "order at that floor (× %.2f)",
                                    capacity.transactionsPerOrder()),
                            "",
                            Report.ms(capacity.transactionsPerOrder() * drain.wildFlyMillis()),
                            Report.ms(capacity.transactionsPerOrder() * drain.machineMillis())));
        }
        rows.add(
                List.of(
                        "order, measured in the capacity phase",
                        String.format(Locale.ROOT, "%.0f", capacity.processedPerSecond()),
                        Report.ms(capacity.wildFlyCpuMillisPerOrder()),
                        Report.ms(capacity.machineCpuMillisPerOrder())));
        run.report.table(List.of("per", "per second", "WildFly CPU ms", "machine CPU ms"), rows);
        run.report.data(
                "floor",
                Json.createObjectBuilder()
                        .add("messages", xa.messages())
                        .add("transactionsPerSecond", xa.perSecond())
                        .add("wildFlyCpuMillisPerTransaction", xa.wildFlyMillis())
                        .add("machineCpuMillisPerTransaction", xa.machineMillis())
                        .add(
                                "withoutXa",
                                Json.createObjectBuilder()
                                        .add("messages", local.messages())
                                        .add("transactionsPerSecond", local.perSecond())
                                        .add(
                                                "wildFlyCpuMillisPerTransaction",
                                                local.wildFlyMillis())
                                        .add(
                                                "machineCpuMillisPerTransaction",
                                                local.machineMillis())));
        run.phaseDone("stack floor");
    }

    private Drain drain(Design design, String perfPassword) throws Exception {
        int messages = run.settings.floorMessages();
        Broker.pause(design.queue());
        fill(design.queue(), perfPassword, messages);
        run.watch.peaks();
        Instant start = Instant.now();
        Broker.resume(design.queue());
        String claimed =
                "select count(*) from processed_messages where consumer = '"
                        + design.consumer()
                        + "'";
        BenchRun.pollUntil(Duration.ofMinutes(10), () -> run.count(claimed) >= messages);
        ServerWatch.Peaks usage = run.watch.peaks();
        double seconds =
                Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        long drained = run.count(claimed);
        return new Drain(
                design,
                drained,
                drained / seconds,
                usage.wildFlyCpuMillisPer(drained, seconds),
                usage.machineCpuMillisPer(drained, seconds));
    }

    /**
     * Persistent 1 KiB messages, each with its own message id, sent from outside the server as the
     * perf client's user, a hundred per transaction so that filling takes seconds.
     */
    private static void fill(String queue, String perfPassword, int messages) throws JMSException {
        byte[] body = new byte[1024];
        try (Connection connection =
                ExternalProducer.connect(BrokerCeiling.PERF_USER, perfPassword)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
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
