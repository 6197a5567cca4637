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
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 16 server from Maven artifacts, its data kept in a known folder. XA needs prepared transactions,
 * which PostgreSQL switches off by default.
 */
public final class Database implements AutoCloseable {

    public static final String NAME = "orderflow";
    public static final String USER = "postgres";
    /** The embedded server trusts local connections; the password is only there because WildFly requires one. */
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;

    private Database(EmbeddedPostgres postgres, int port, Path dataDirectory) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    static Database start(Path dataDirectory, int port, boolean keepData) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setPort(port)
                .setServerConfig("max_prepared_transactions", "100")
                .setServerConfig("max_connections", "200")
                .start();
        Database database = new Database(postgres, port, dataDirectory);
        database.createIfMissing();
        return database;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + NAME;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private void createIfMissing() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            try (ResultSet exists = sql.executeQuery("select 1 from pg_database where datname = '" + NAME + "'")) {
                if (!exists.next()) {
                    sql.execute("create database " + NAME);
                }
            }
        }
    }

    /**
     * Stalls the server, as a database that stops answering does (SIGSTOP to the postmaster and every backend):
     * connections stay open, nothing comes back. {@link #resume()} lets it go on where it stopped.
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster)));
        ProcessHandle.of(postmaster).ifPresent(server -> server.descendants().forEach(p -> command.add(String.valueOf(p.pid()))));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " failed: " + new String(kill.getInputStream().readAllBytes()));
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
