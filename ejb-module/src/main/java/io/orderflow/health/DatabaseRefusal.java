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
        String said = deepest(failure).getMessage();
        String state = stateOf(failure);
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

    /** The innermost SQL state in the chain: the driver's, not the pool's. */
    private static String stateOf(Throwable failure) {
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return state;
    }

    private static Throwable deepest(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest;
    }
}
