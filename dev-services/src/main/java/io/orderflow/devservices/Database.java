package io.orderflow.devservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    private Database(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static Database start(Path dataDirectory, int port, boolean keepData) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setPort(port)
                .setServerConfig("max_prepared_transactions", "100")
                .setServerConfig("max_connections", "200")
                .start();
        Database database = new Database(postgres, port);
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
