package io.orderflow.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * The store is written with this module's own class path, the one the run command has (the tests'
 * wider one once hid a missing Elytron implementation), into the store the build creates, and reads
 * back as WildFly reads it: with the key, by alias.
 */
class ServerCredentialsTest {

    @TempDir Path configuration;

    @Test
    void the_secrets_read_back_by_alias_and_a_second_write_replaces_them() throws Exception {
        Files.writeString(configuration.resolve(ServerCredentials.STORE_KEY), "key-of-the-store");
        ServerCredentials.open(configuration, true).flush();

        ServerCredentials.store(
                configuration, Map.of("db-password", "first", "broker-password", "broker-secret"));
        ServerCredentials.store(configuration, Map.of("db-password", "second"));

        CredentialStore store = ServerCredentials.open(configuration, false);
        assertThat(store.getAliases()).containsExactlyInAnyOrder("db-password", "broker-password");
        assertThat(secret(store, "db-password")).isEqualTo("second");
        assertThat(secret(store, "broker-password")).isEqualTo("broker-secret");
    }

    private static String secret(CredentialStore store, String alias) throws Exception {
        ClearPassword password =
                store.retrieve(alias, PasswordCredential.class).getPassword(ClearPassword.class);
        return new String(password.getPassword());
    }
}
