package io.orderflow.it.soak;

import io.orderflow.it.soak.History.Call;
import io.orderflow.it.soak.History.Type;
import io.orderflow.it.soak.Nemesis.Injected;
import io.orderflow.it.soak.SoakChecks.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a soak leaves for a person to read: report.md (the verdicts, each fault with what the
 * customers got meanwhile and how soon checkouts were accepted again, the load window by window),
 * schedule.txt (the seed and the faults, to replay) and history.jsonl (every request).
 */
final class SoakReport {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    record Run(
            long seed,
            Duration length,
            double rate,
            Instant started,
            List<Fault> schedule,
            List<Injected> injected,
            History history,
            List<Verdict> verdicts) {}

    private SoakReport() {}

    static Path write(Path folder, Run run) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("schedule.txt"), schedule(run.seed(), run.length(), run.schedule()));
        Files.writeString(
                folder.resolve("history.jsonl"),
                run.history().calls().stream()
                        .map(SoakReport::json)
                        .collect(Collectors.joining("\n", "", "\n")));
        Path report = folder.resolve("report.md");
        Files.writeString(report, markdown(run));
        return report;
    }

    static String schedule(long seed, Duration length, List<Fault> faults) {
        return "seed "
                + seed
                + ", "
                + length.toSeconds()
                + " s, replay with -Dsoak.seed="
                + seed
                + " -Dsoak.minutes="
                + length.toMinutes()
                + "\n"
                + faults.stream().map(Fault::toString).collect(Collectors.joining("\n"))
                + "\n";
    }

    private static String markdown(Run run) {
        List<Call> calls = run.history().calls();
        StringBuilder md = new StringBuilder();
        md.append("# Soak, seed ").append(run.seed()).append("\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Started %s; %d s of load at %.1f requests/s through the entry point (two WildFly nodes, the"
                                + " broker pair, PostgreSQL), %d faults from the schedule; %d cores (`nproc`). Replay:"
                                + " `mvn -Psoak -DskipTests install -Dsoak.seed=%d -Dsoak.minutes=%d`.%n%n",
                        run.started(),
                        run.length().toSeconds(),
                        run.rate(),
                        run.injected().size(),
                        Runtime.getRuntime().availableProcessors(),
                        run.seed(),
                        run.length().toMinutes()));
        md.append("## The checker\n\n| property | held | what it saw |\n|---|---|---|\n");
        for (Verdict verdict : run.verdicts()) {
            md.append("| ")
                    .append(verdict.property())
                    .append(" | ")
                    .append(verdict.held() ? "**yes**" : "**NO**")
                    .append(" | ")
                    .append(cell(verdict.detail()))
                    .append(" |\n");
        }
        md.append(
                "\n## The faults\n\nEach fault as it happened (seconds from the start), the checkouts asked while it"
                        + " lasted and what they got, and how long after it was healed the first checkout asked was"
                        + " accepted.\n\n| began | healed | fault | target | checkouts | accepted | 503 | no answer | other |"
                        + " accepted again after heal |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Injected fault : run.injected()) {
            List<Call> during =
                    calls.stream()
                            .filter(call -> call.type() == Type.ORDER)
                            .filter(
                                    call ->
                                            call.began().compareTo(fault.began()) >= 0
                                                    && call.began().compareTo(fault.healed()) < 0)
                            .toList();
            String again =
                    acceptedAgainAfter(run, fault)
                            .map(after -> seconds(after) + " s")
                            .orElse("none");
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %d | %d | %d | %d | %d | %s |%n",
                            seconds(fault.began()),
                            seconds(fault.healed()),
                            fault.fault().kind(),
                            fault.fault().target().isEmpty() ? "-" : fault.fault().target(),
                            during.size(),
                            count(during, Call::accepted),
                            count(during, call -> call.status() == 503),
                            count(during, call -> call.status() == History.NO_ANSWER),
                            count(
                                    during,
                                    call ->
                                            !call.accepted()
                                                    && call.status() != 503
                                                    && call.status() != History.NO_ANSWER),
                            again));
        }
        md.append(
                "\n## Recovery per kind of fault\n\nHow long after each heal the first checkout asked was"
                        + " accepted, over the faults of each kind (those after which none was asked are left"
                        + " out).\n\n| fault | injected | median | slowest |\n|---|---|---|---|\n");
        Map<Fault.Kind, List<Duration>> recoveries = new TreeMap<>();
        for (Injected fault : run.injected()) {
            List<Duration> ofKind =
                    recoveries.computeIfAbsent(fault.fault().kind(), kind -> new ArrayList<>());
            acceptedAgainAfter(run, fault).ifPresent(ofKind::add);
        }
        recoveries.forEach(
                (kind, times) -> {
                    List<Duration> sorted = times.stream().sorted().toList();
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %d | %s | %s |%n",
                                    kind,
                                    run.injected().stream()
                                            .filter(fault -> fault.fault().kind() == kind)
                                            .count(),
                                    sorted.isEmpty()
                                            ? "-"
                                            : seconds(sorted.get(sorted.size() / 2)) + " s",
                                    sorted.isEmpty()
                                            ? "-"
                                            : seconds(sorted.get(sorted.size() - 1)) + " s"));
                });
        md.append(
                "\n## The load, 30 s at a time\n\n| from s | checkouts | accepted | 503 | no answer | cancels done |"
                        + " telemetry accepted | faults active |\n|---|---|---|---|---|---|---|---|\n");
        for (Duration from = Duration.ZERO;
                from.compareTo(run.length()) < 0;
                from = from.plus(WINDOW)) {
            Duration start = from;
            Duration end = from.plus(WINDOW);
            Predicate<Call> inWindow =
                    call -> call.began().compareTo(start) >= 0 && call.began().compareTo(end) < 0;
            List<Call> orders = of(calls, Type.ORDER, inWindow);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | %d | %d | %d | %d | %d | %d | %s |%n",
                            start.toSeconds(),
                            orders.size(),
                            count(orders, Call::accepted),
                            count(orders, call -> call.status() == 503),
                            count(orders, call -> call.status() == History.NO_ANSWER),
                            count(of(calls, Type.CANCEL, inWindow), Call::accepted),
                            count(of(calls, Type.TELEMETRY, inWindow), Call::accepted),
                            run.injected().stream()
                                    .filter(
                                            fault ->
                                                    fault.began().compareTo(end) < 0
                                                            && fault.healed().compareTo(start) > 0)
                                    .map(fault -> fault.fault().kind().name())
                                    .collect(Collectors.joining(", "))));
        }
        return md.toString();
    }

    /** How long after the fault's heal the first checkout asked from then on was accepted. */
    private static Optional<Duration> acceptedAgainAfter(Run run, Injected fault) {
        return run.history()
                .firstAcceptedOrderFrom(fault.healed())
                .map(call -> call.ended().minus(fault.healed()));
    }

    private static List<Call> of(List<Call> calls, Type type, Predicate<Call> inWindow) {
        return calls.stream().filter(call -> call.type() == type).filter(inWindow).toList();
    }

    private static long count(List<Call> calls, Predicate<Call> which) {
        return calls.stream().filter(which).count();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private static String cell(String text) {
        String oneLine = text.replace('\n', ' ').replace("|", "\\|");
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
    }

    private static String json(Call call) {
        List<String> fields = new ArrayList<>();
        fields.add("\"type\":\"" + call.type() + "\"");
        fields.add("\"beganMillis\":" + call.began().toMillis());
        fields.add("\"tookMillis\":" + call.took().toMillis());
        fields.add("\"status\":" + call.status());
        if (call.orderId() != null) {
            fields.add("\"orderId\":\"" + call.orderId() + "\"");
        }
        if (call.key() != null) {
            fields.add("\"key\":\"" + call.key() + "\"");
        }
        return "{" + String.join(",", fields) + "}";
    }
}
