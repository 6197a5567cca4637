package io.orderflow.devservices;

import io.orderflow.Digest;
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
 * The scripts are the EJB module's, run in order: the schema (repeatable), then the catalogue. A
 * script already run as it stands is not run again: a start after a crash may find transactions
 * still prepared (in doubt), holding locks on the tables until the server's recovery settles them,
 * which it can only do once started; a script run again would wait for those locks (its {@code
 * create index if not exists}, its {@code insert … on conflict}) and the start would fail.
 */
final class Schema {

    /** Owns the database and every table; cannot log in. */
    static final String OWNER = "orderflow_owner";

    /** The datasource's user. */
    static final String APPLICATION = "orderflow";

    private static final List<String> SCRIPTS =
            List.of("META-INF/sql/schema.sql", "META-INF/sql/catalogue.sql");

    /** Which scripts ran, as which text; the owner's alone, the application cannot read it. */
    private static final String SCRIPTS_RUN = "schema_scripts";

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
            sql.execute(
                    "create table if not exists "
                            + SCRIPTS_RUN
                            + " (script varchar(100) primary key, digest char(64) not null,"
                            + " run_at timestamp with time zone not null default now())");
            for (String script : SCRIPTS) {
                runUnlessRun(admin, script);
            }
            sql.execute("grant usage on schema public to " + APPLICATION);
            sql.execute(
                    "grant select, insert, update, delete on all tables in schema public to "
                            + APPLICATION);
            sql.execute("revoke all on " + SCRIPTS_RUN + " from " + APPLICATION);
            sql.execute("grant usage, select on all sequences in schema public to " + APPLICATION);
            sql.execute("reset role");
        }
    }

    private static void runUnlessRun(Connection admin, String script) throws SQLException {
        String text = read(script);
        String digest = Digest.of(text);
        try (PreparedStatement run =
                admin.prepareStatement(
                        "select 1 from " + SCRIPTS_RUN + " where script = ? and digest = ?")) {
            run.setString(1, script);
            run.setString(2, digest);
            try (ResultSet found = run.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
        }
        try (Statement sql = admin.createStatement()) {
            sql.execute(text);
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new SQLException(
                        script
                                + " changed since it last ran, and transactions in doubt hold locks it"
                                + " needs: start the version that left them once, so that its recovery"
                                + " settles them, then this one",
                        e.getSQLState(),
                        e);
            }
            throw e;
        }
        try (PreparedStatement ran =
                admin.prepareStatement(
                        "insert into "
                                + SCRIPTS_RUN
                                + " (script, digest) values (?, ?) on conflict (script) do update"
                                + " set digest = excluded.digest, run_at = now()")) {
            ran.setString(1, script);
            ran.setString(2, digest);
            ran.executeUpdate();
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
