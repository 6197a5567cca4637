package io.orderflow.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Artemis' own command-line client (the {@code bin/artemis} of the distribution the build unpacks),
 * pointed at the server under test through its HTTP-upgrade acceptor: what an operator types.
 */
public final class ArtemisCli {

    private static final String URL =
            "tcp://127.0.0.1:"
                    + System.getProperty("orderflow.it.http.port", "8180")
                    + "?httpUpgradeEnabled=true";

    private ArtemisCli() {}

    /** Its exit code and everything it printed. */
    public record Outcome(int exitCode, String output) {}

    /** {@code artemis <command...> --url ... --user ... --password ...}. */
    public static Outcome run(String user, String password, String... command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(
                Path.of(System.getProperty("orderflow.artemis.home"), "bin", "artemis").toString());
        line.addAll(List.of(command));
        line.addAll(List.of("--url", URL, "--user", user, "--password", password, "--silent"));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        cli.getOutputStream().close();
        if (!cli.waitFor(2, TimeUnit.MINUTES)) {
            cli.destroyForcibly();
            throw new IllegalStateException("artemis " + command[0] + " did not finish");
        }
        return new Outcome(
                cli.exitValue(),
                new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
