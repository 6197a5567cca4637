package io.orderflow;

import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * A dependency OrderFlow cannot do without (its database, its broker) does not answer: nothing was
 * done, and the client may try again shortly. Distinguished from a fault of ours, which is a 500.
 */
public class ServiceUnavailable extends Rejection {

    /**
     * Artemis' own types for a broker that does not answer in time, is not connected, failed over
     * under a blocked call, or cannot say how a transaction ended; the application does not link
     * against them.
     */
    private static final Set<String> BROKER_OUTAGES =
            Set.of(
                    "ActiveMQConnectionTimedOutException",
                    "ActiveMQNotConnectedException",
                    "ActiveMQUnBlockedException",
                    "ActiveMQDisconnectedException",
                    "ActiveMQTransactionOutcomeUnknownException");

    public ServiceUnavailable(Throwable cause) {
        super(
                Kind.SERVICE_UNAVAILABLE,
                "The shop cannot reach its database or its broker just now; nothing was ordered or charged. Please retry.",
                cause);
    }

    /**
     * Whether the failure is an outage rather than a fault: the database unreachable, stalled past
     * its timeouts (its own, 55P03 and 57014, or the driver's), out of connections, or shutting
     * down; no connection to be had from the pool in time; a commit the transaction manager could
     * not complete because PostgreSQL stalled during it (it rolled back, or its outcome is left to
     * recovery); the broker not answering within the connection factory's call timeout, failing
     * over, or leaving a management question unanswered.
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
                                                || sql.getSQLState().startsWith("57")
                                                || sql.getSQLState().equals("55P03")
                                                || sql.getSQLState().startsWith("53"))
                                || t instanceof RollbackException
                                || t instanceof HeuristicMixedException
                                || t instanceof HeuristicRollbackException
                                || t.getClass().getSimpleName().equals("JDBCConnectionException")
                                || isBrokerOutage(t));
    }

    /** Whether the broker, not the database, is what did not answer. */
    public static boolean isBrokerOutage(Throwable failure) {
        return Causes.any(
                failure,
                t ->
                        t instanceof BrokerDidNotAnswer
                                || BROKER_OUTAGES.contains(t.getClass().getSimpleName()));
    }
}
