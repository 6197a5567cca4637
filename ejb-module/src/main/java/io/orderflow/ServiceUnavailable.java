package io.orderflow;

import jakarta.resource.ResourceException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * A dependency OrderFlow cannot do without (its database, its broker) does not answer: nothing was
 * done, and the client may try again shortly. Distinguished from a fault of ours, which is a 500.
 */
public class ServiceUnavailable extends Rejection {

    public ServiceUnavailable(Throwable cause) {
        super(
                Kind.SERVICE_UNAVAILABLE,
                "The shop cannot reach its database just now; nothing was ordered or charged. Please retry.",
                cause);
    }

    /**
     * Whether the failure is an outage rather than a fault: the database unreachable, stalled past
     * its timeouts, out of connections, or shutting down; no connection to be had from the pool in
     * time.
     */
    public static boolean isOutage(Throwable failure) {
        return Causes.any(
                failure,
                t ->
                        t instanceof SQLTransientException
                                || t instanceof SocketTimeoutException
                                || t instanceof ResourceException
                                || t instanceof SQLException sql
                                        && sql.getSQLState() != null
                                        && (sql.getSQLState().startsWith("08")
                                                || sql.getSQLState().startsWith("57P")
                                                || sql.getSQLState().startsWith("53"))
                                || t.getClass().getSimpleName().equals("JDBCConnectionException"));
    }
}
