package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.it.support.Database;
import io.orderflow.it.support.Management;
import io.orderflow.it.support.TestServices;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OrderFlow's database password rotated in PostgreSQL and not yet in the server's credential store
 * (a rotation done on one side only): the readiness check says which settings to fix, the store's
 * alias and the user it belongs to, with PostgreSQL's own words, instead of the pool's "unable to
 * create connection"; with the password PostgreSQL knows back, the check is up.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseSettingsIT {

    @Test
    void a_refused_database_password_is_named_by_the_readiness_check_and_its_return_clears_it() {
        String user = TestServices.services().serverProperties().get("orderflow.db.user");
        String stored = TestServices.services().database().applicationPassword();
        try {
            Database.execute("alter role " + user + " password '" + UUID.randomUUID() + "'");
            Management.flushDatabaseConnections();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                Management.Health ready = Management.ready();
                                assertThat(ready.status()).isEqualTo(503);
                                JsonObject database = ready.check("database");
                                assertThat(database.getString("status")).isEqualTo("DOWN");
                                assertThat(database.getJsonObject("data").getString("reason"))
                                        .contains("db-password")
                                        .contains("orderflow.db.user")
                                        .contains("password authentication failed");
                            });
        } finally {
            Database.execute("alter role " + user + " password '" + stored + "'");
            Management.flushDatabaseConnections();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(Management.ready().check("database").getString("status"))
                                        .isEqualTo("UP"));
    }
}
