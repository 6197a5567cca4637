package io.orderflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.it.support.SecretFiles;
import io.orderflow.it.support.TestServices;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every file the embedded mode writes that holds a password, a password's hash or the key to the
 * credential store is its owner's alone: another account on the machine reads none of them.
 */
@ExtendWith(ArquillianExtension.class)
class SecretFilesIT {

    @Test
    void every_file_holding_a_secret_is_its_owners_alone() {
        List<Path> folders =
                List.of(
                        Path.of(System.getProperty("orderflow.it.wildfly.base")),
                        Path.of(System.getProperty("orderflow.it.data")));

        assertThat(SecretFiles.holdingSecrets(folders, TestServices.secrets()))
                .as("the credential store, its key and the users files at least")
                .anyMatch(file -> file.contains("orderflow-credentials.cs"))
                .anyMatch(file -> file.contains("orderflow-credentials.key"))
                .anyMatch(file -> file.contains("application-users.properties"));
        assertThat(SecretFiles.readableByOthers(folders, TestServices.secrets())).isEmpty();
    }
}
