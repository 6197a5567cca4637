package io.orderflow.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * OrderFlow's schema, created and migrated by the role that owns it, and the application's role,
 * which may only read and write the rows of its tables: it owns nothing, creates nothing, and
 * cannot reach the server's files or programs, so a statement slipped into a query can do no more
 * than the application itself may. The owner cannot log in; whoever runs the migration (the run
 * commands and the tests do it at every start, as the server's administrator) takes on its role.
 * The scripts are the EJB module's, run in order: the schema (repeatable), then the catalogue.
 */
final class Schema {

    /** Owns the database and every table; cannot log in. */
    static final String OWNER = "orderflow_owner";

    /** The datasource's user. */
    static final String APPLICATION = "orderflow";

    private static final List<String> SCRIPTS =
            List.of("META-INF/sql/schema.sql", "META-INF/sql/catalogue.sql");

    private Schema() {}

    /**
     * @param admin a superuser's connection to OrderFlow's database
     * @param applicationPassword what the application's role logs in with (hashed by the driver
     *     before it is sent, so it appears in no statement)
     */
    static void migrate(Connection admin, String applicationPassword) throws SQLException {
        try (Statement sql = admin.createStatement()) {
            if (!roleExists(admin, OWNER)) {
                sql.execute("create role " + OWNER + " nologin");
            }
            if (!roleExists(admin, APPLICATION)) {
                sql.execute("create role " + APPLICATION + " login");
            }
            sql.execute(
                    "alter role "
                            + APPLICATION
                            + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit");
            admin.unwrap(PGConnection.class)
                    .alterUserPassword(
                            APPLICATION, applicationPassword.toCharArray(), "scram-sha-256");
            sql.execute("alter database " + Database.NAME + " owner to " + OWNER);
            sql.execute("revoke all on database " + Database.NAME + " from public");
            sql.execute("grant connect on database " + Database.NAME + " to " + APPLICATION);
            // tables an earlier version created as the administrator
            for (String table : tablesNotOwned(admin)) {
                sql.execute("alter table public." + table + " owner to " + OWNER);
            }
            sql.execute("set role " + OWNER);
            for (String script : SCRIPTS) {
                sql.execute(read(script));
            }
            sql.execute("grant usage on schema public to " + APPLICATION);
            sql.execute(
                    "grant select, insert, update, delete on all tables in schema public to "
                            + APPLICATION);
            sql.execute("grant usage, select on all sequences in schema public to " + APPLICATION);
            sql.execute("reset role");
        }
    }

    private static boolean roleExists(Connection admin, String role) throws SQLException {
        try (PreparedStatement query =
                admin.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, role);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }

    private static List<String> tablesNotOwned(Connection admin) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query =
                admin.prepareStatement(
                        "select tablename from pg_tables where schemaname = 'public' and tableowner <> ?")) {
            query.setString(1, OWNER);
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    tables.add(found.getString(1));
                }
            }
        }
        return tables;
    }

    private static String read(String script) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException(script + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
