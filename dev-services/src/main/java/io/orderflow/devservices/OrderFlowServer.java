package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * WildFly running OrderFlow the way the run command starts it: the server's configuration laid out
 * afresh from the build (so a rebuilt configuration applies) beside the data kept from earlier
 * runs, the console and operations users with passwords generated on first use; then the EAR is
 * deployed. The restart tests go through the same steps.
 */
public final class OrderFlowServer {

    public static final String ADMIN_USER = "orderflow-admin";
    public static final String OPS_USER = "orderflow-ops";

    /** What Prometheus scrapes OrderFlow's metrics as: the role monitoring, nothing else. */
    public static final String MONITORING_USER = "orderflow-prometheus";

    private final WildFlyServer wildFly;
    private final Process process;
    private final String opsPassword;

    private OrderFlowServer(WildFlyServer wildFly, Process process, String opsPassword) {
        this.wildFly = wildFly;
        this.process = process;
        this.opsPassword = opsPassword;
    }

    /**
     * @param data where the server's base directory ({@code wildfly/}) and the generated passwords
     *     are kept
     * @param properties system properties of the server: where its downstreams are, and any port
     *     offset
     * @param databasePassword what the server's datasource authenticates with
     * @param output where the server's console goes
     */
    public static OrderFlowServer start(
            Path home,
            Path data,
            Map<String, String> properties,
            String databasePassword,
            ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        WildFlyServer wildFly = new WildFlyServer(home, data.resolve("wildfly"));
        String opsPassword = prepare(wildFly, data, databasePassword);
        return new OrderFlowServer(wildFly, wildFly.start(properties, output), opsPassword);
    }

    /**
     * Lays out a server's base directory with the credentials it reads and the console's,
     * operations' and Prometheus' users, their passwords kept in {@code data} (generated on first
     * use, shared by every server that uses the same folder); returns the operations user's
     * password.
     */
    public static String prepare(WildFlyServer wildFly, Path data, String databasePassword)
            throws IOException {
        Files.createDirectories(data);
        wildFly.prepare();
        wildFly.storeCredentials(
                databasePassword,
                Secrets.kept(data.resolve("broker-password")),
                Secrets.kept(data.resolve("broker-management-password")));
        wildFly.addUser(ADMIN_USER, Secrets.kept(data.resolve("admin-password")), false);
        String opsPassword = Secrets.kept(data.resolve("ops-password"));
        wildFly.addUser(OPS_USER, opsPassword, true, "ops");
        wildFly.addUser(
                MONITORING_USER,
                Secrets.kept(data.resolve("monitoring-password")),
                true,
                "monitoring");
        return opsPassword;
    }

    /** Deploys the EAR through the deployment scanner and waits for it. */
    public void deploy(Path ear) throws IOException, InterruptedException {
        if (!wildFly.deploy(ear, Duration.ofMinutes(5))) {
            throw new IOException(
                    "OrderFlow could not be deployed; see the server log above and "
                            + wildFly.base().resolve("log/server.log"));
        }
    }

    /**
     * Asks WildFly to shut down cleanly, as Ctrl-C does, and waits for it; returns whether it
     * stopped on its own.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        return Processes.stop(process, timeout);
    }

    public Process process() {
        return process;
    }

    public Path base() {
        return wildFly.base();
    }

    public String opsPassword() {
        return opsPassword;
    }
}
