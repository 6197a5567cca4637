package io.orderflow.devservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL 16 server from Maven artifacts, its data kept in a known folder. XA needs
 * prepared transactions, which PostgreSQL switches off by default. Every connection authenticates
 * with the password (scram-sha-256): the embedded server starts out trusting local connections, so
 * the first start sets the password and switches authentication on for good. {@code
 * pg_stat_statements} is loaded, so that what the application asks of the database can be counted
 * (the benchmark's statements per order, an operator's slowest statements).
 */
public final class Database implements AutoCloseable {

    public static final String NAME = "orderflow";

    /** The server's administrator: migrations and the tests' own checks, never the application. */
    public static final String ADMIN = "postgres";

    /** The application's role: its tables' rows and nothing else ({@link Schema}). */
    public static final String APPLICATION = Schema.APPLICATION;

    private static final String PASSWORDS_REQUIRED =
            "# OrderFlow: every connection authenticates with its password";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;
    private final String password;
    private final String applicationPassword;

    /**
     * Whether a commit waits for the disk. The embedded server's own defaults ({@code -F}, that is
     * fsync off, and synchronous_commit off) lose committed transactions when the machine stops,
     * and flatter every figure measured with them.
     */
    public enum Durability {
        /** fsync, synchronous_commit and full_page_writes on: what a production database runs. */
        DURABLE("on"),
        /**
         * fsync and synchronous_commit off: for the tests, whose database starts empty and is never
         * asked to survive the machine (their crashes kill WildFly or the broker, never PostgreSQL
         * or the host).
         */
        FAST("off");

        private final String setting;

        Durability(String setting) {
            this.setting = setting;
        }
    }

    private Database(
            EmbeddedPostgres postgres,
            int port,
            Path dataDirectory,
            String password,
            String applicationPassword) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.password = password;
        this.applicationPassword = applicationPassword;
    }

    static Database start(
            Path dataDirectory,
            int port,
            boolean keepData,
            String password,
            String applicationPassword,
            Durability durability)
            throws IOException, SQLException {
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(!keepData)
                        .setPort(port)
                        .setServerConfig("max_prepared_transactions", "100")
                        .setServerConfig("max_connections", "200")
                        // these come after the embedded server's -F on its command line, so they
                        // decide
                        .setServerConfig("fsync", durability.setting)
                        .setServerConfig("synchronous_commit", durability.setting)
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        // what the embedded server's own readiness check connects with, once
                        // passwords are required
                        .setConnectConfig("password", password)
                        .start();
        Database database =
                new Database(postgres, port, dataDirectory, password, applicationPassword);
        database.requirePasswords();
        database.createIfMissing();
        try (Connection admin = database.connect()) {
            Schema.migrate(admin, applicationPassword);
        }
        return database;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + NAME;
    }

    /** A connection as the administrator. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), ADMIN, password);
    }

    /** The administrator's password. */
    public String password() {
        return password;
    }

    /** The application's role's password, which its datasource logs in with. */
    public String applicationPassword() {
        return applicationPassword;
    }

    /**
     * Gives the superuser its password (hashed by the driver, so the password never travels in a
     * statement) and makes pg_hba.conf ask every connection for it; a server whose data already
     * requires passwords is left as it is.
     */
    private void requirePasswords() throws IOException, SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba).contains(PASSWORDS_REQUIRED)) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(adminUrl(), ADMIN, password);
                Statement sql = admin.createStatement()) {
            admin.unwrap(PGConnection.class)
                    .alterUserPassword(ADMIN, password.toCharArray(), "scram-sha-256");
            Files.writeString(
                    hba,
                    String.join(
                            "\n",
                            PASSWORDS_REQUIRED,
                            "local all all scram-sha-256",
                            "host all all 127.0.0.1/32 scram-sha-256",
                            "host all all ::1/128 scram-sha-256",
                            ""));
            sql.execute("select pg_reload_conf()");
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void createIfMissing() throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl(), ADMIN, password);
                Statement sql = admin.createStatement()) {
            try (ResultSet exists =
                    sql.executeQuery("select 1 from pg_database where datname = '" + NAME + "'")) {
                if (!exists.next()) {
                    sql.execute("create database " + NAME);
                }
            }
        }
    }

    /**
     * Stalls the server, as a database that stops answering does (SIGSTOP to the postmaster and
     * every backend): connections stay open, nothing comes back. {@link #resume()} lets it go on
     * where it stopped.
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster =
                Long.parseLong(
                        Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        Processes.signal(
                ProcessHandle.of(postmaster)
                        .orElseThrow(() -> new IOException("PostgreSQL is not running")),
                signal);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
