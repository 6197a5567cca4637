package io.orderflow.health;

import io.orderflow.Causes;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why OrderFlow cannot reach its database, in the words of the setting a person would change: the
 * names docs/own-server.md and the CLI scripts give them. What the connection pool reports is
 * IronJacamar's "unable to create connection", the driver's reason three causes deeper.
 */
final class DatabaseRefusal {

    private DatabaseRefusal() {}

    static String explain(SQLException failure) {
        // the driver's reason and SQL state are the innermost ones, under the pool's
        Throwable deepest = failure;
        String state = failure.getSQLState();
        for (Throwable t = failure.getCause(); t != null && t != deepest; t = t.getCause()) {
            deepest = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        String said = deepest.getMessage();
        if ("28P01".equals(state) || "28000".equals(state)) {
            return "PostgreSQL refused OrderFlow's user: check orderflow.db.user and its password,"
                    + " the alias db-password of the credential store orderflow ("
                    + said
                    + ")";
        }
        if ("3D000".equals(state)) {
            return "PostgreSQL has no such database: check orderflow.db.name (" + said + ")";
        }
        if (state != null && state.startsWith("08")
                || Causes.any(
                        failure,
                        t -> t instanceof ConnectException || t instanceof UnknownHostException)) {
            return "no PostgreSQL answers at the datasource's address: check orderflow.db.host and"
                    + " orderflow.db.port ("
                    + said
                    + ")";
        }
        return String.valueOf(said);
    }
}
