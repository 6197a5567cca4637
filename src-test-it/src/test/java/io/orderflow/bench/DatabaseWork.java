package io.orderflow.bench;

import io.orderflow.devservices.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What OrderFlow asked of PostgreSQL during a phase, from pg_stat_statements: every statement it
 * ran, each a round trip, except the two-phase commit's PREPARE TRANSACTION and COMMIT PREPARED,
 * which pg_stat_statements does not count (two more per XA transaction). The benchmark's own
 * queries carry {@link #MARK} and are left out, as are the statistics views.
 */
final class DatabaseWork {

    /** Starts every query the benchmark itself sends, so that it is not counted as OrderFlow's. */
    static final String MARK = "/* bench */ ";

    private final Database database;
    private final long commitsBefore;

    private DatabaseWork(Database database, long commitsBefore) {
        this.database = database;
        this.commitsBefore = commitsBefore;
    }

    /** Forgets the statements counted so far: the count starts now. */
    static DatabaseWork start(Database database) throws SQLException {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");
            sql.execute("select pg_stat_statements_reset()");
        }
        return new DatabaseWork(database, commits(database));
    }

    /**
     * Transactions the database committed since the start, local and two-phase alike (a COMMIT
     * PREPARED counts one), the benchmark's own few included; a busy session reports its own at
     * most a second late.
     */
    long commits() throws SQLException {
        return commits(database) - commitsBefore;
    }

    private static long commits(Database database) throws SQLException {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            try (ResultSet row =
                    sql.executeQuery(
                            MARK
                                    + "select xact_commit from pg_stat_database where datname = '"
                                    + Database.NAME
                                    + "'")) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** How many times each statement ran since the start, most frequent first. */
    Map<String, Long> statements() throws SQLException {
        Map<String, Long> calls = new LinkedHashMap<>();
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement();
                ResultSet rows =
                        sql.executeQuery(
                                "select query, calls from pg_stat_statements s join pg_database d on d.oid = s.dbid "
                                        + "where d.datname = '"
                                        + Database.NAME
                                        + "' and query not like '%pg_stat%' and query not like '"
                                        + MARK.strip()
                                        + "%' order by calls desc")) {
            while (rows.next()) {
                calls.merge(rows.getString(1), rows.getLong(2), Long::sum);
            }
        }
        return calls;
    }
}
