package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.devservices.Database;
import io.orderflow.it.support.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application reaches PostgreSQL as a role that may read and write the rows of its own tables
 * and nothing more: the server's datasource connects as it, it is no superuser and may create
 * nothing, owns nothing, cannot run programs or read files on the database's machine, and every
 * attempt at any of that, made with its own password, is refused.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseRoleIT {

    /** PostgreSQL's "insufficient privilege". */
    private static final String REFUSED = "42501";

    @Test
    void the_servers_connections_are_the_application_role_which_has_no_power_beyond_its_rows() {
        assertThat(
                        io.orderflow.it.support.Database.texts(
                                "select distinct usename from pg_stat_activity "
                                        + "where datname = ? and usename <> ? and backend_type = 'client backend'",
                                Database.NAME,
                                Database.ADMIN))
                .as("who the server's datasource connects as")
                .containsExactly(Database.APPLICATION);
        assertThat(
                        io.orderflow.it.support.Database.text(
                                "select concat_ws(',', rolsuper, rolcreatedb, rolcreaterole, rolreplication, "
                                        + "rolbypassrls, pg_has_role(rolname, 'pg_execute_server_program', 'member'), "
                                        + "pg_has_role(rolname, 'pg_read_server_files', 'member'), "
                                        + "pg_has_role(rolname, 'pg_write_server_files', 'member')) "
                                        + "from pg_roles where rolname = ?",
                                Database.APPLICATION))
                .as(
                        "superuser, createdb, createrole, replication, bypassrls, programs, reading files, writing files")
                .isEqualTo("f,f,f,f,f,f,f,f");
        assertThat(
                        io.orderflow.it.support.Database.number(
                                "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
                                        + "where r.rolname = ?",
                                Database.APPLICATION))
                .as("tables, indexes and sequences it owns")
                .isZero();
    }

    @Test
    void with_its_own_password_it_reads_and_writes_rows_and_is_refused_everything_else()
            throws SQLException {
        try (Connection application =
                        DriverManager.getConnection(
                                TestServices.services().database().jdbcUrl(),
                                Database.APPLICATION,
                                TestServices.services().database().applicationPassword());
                Statement sql = application.createStatement()) {
            try (var rows = sql.executeQuery("select count(*) from products")) {
                assertThat(rows.next()).isTrue();
            }
            for (String refused :
                    List.of(
                            "create table stolen (secret text)",
                            "create temporary table scratch (i int)",
                            "drop table orders",
                            "truncate orders",
                            "alter table orders add column stolen text",
                            "copy (select 1) to program 'id'",
                            "select pg_read_file('/etc/passwd')",
                            "create role accomplice login",
                            "create extension file_fdw")) {
                assertThatThrownBy(() -> sql.execute(refused))
                        .as(refused)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e ->
                                        assertThat(e.getSQLState())
                                                .as(e.getMessage())
                                                .isEqualTo(REFUSED));
            }
        }
    }
}
