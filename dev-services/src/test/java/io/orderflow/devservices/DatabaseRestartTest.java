package io.orderflow.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start after a crash: PostgreSQL keeps the transactions the server left prepared (in doubt), and
 * their row locks, until the server's recovery settles them, which needs the database started
 * first. The start that comes before that recovery must not wait for those rows.
 */
class DatabaseRestartTest {

    private static final String IN_DOUBT = "left-in-doubt-by-a-killed-server";

    @TempDir Path data;

    private final String password = Secrets.generated();
    private final String applicationPassword = Secrets.generated();
    private int port;

    /** The run command's start: the data kept, the scripts migrated. */
    private Database start() throws IOException, SQLException {
        if (port == 0) {
            port = freePort();
        }
        return Database.start(
                data, port, true, password, applicationPassword, Database.Durability.FAST);
    }

    @Test
    void a_start_finding_a_product_held_in_doubt_migrates_and_leaves_the_transaction_to_recovery()
            throws Exception {
        try (Database first = start();
                Connection checkout = first.connect();
                Statement sql = checkout.createStatement()) {
            checkout.setAutoCommit(false);
            sql.executeUpdate("update products set stock = stock - 1 where sku = 'BOOK-001'");
            sql.execute("prepare transaction '" + IN_DOUBT + "'");
        }

        try (Database second = start();
                Connection admin = second.connect();
                Statement sql = admin.createStatement()) {
            assertThat(
                            number(
                                    sql,
                                    "select count(*) from pg_prepared_xacts where gid = '"
                                            + IN_DOUBT
                                            + "'"))
                    .as("the transaction still in doubt, for the server's recovery")
                    .isEqualTo(1);
            sql.execute("commit prepared '" + IN_DOUBT + "'");
            assertThat(number(sql, "select stock from products where sku = 'BOOK-001'"))
                    .as("the catalogue's stock, less the unit the settled transaction took")
                    .isEqualTo(999);
        }
    }

    private static long number(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
