package io.orderflow.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Map;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.credential.store.impl.KeyStoreCredentialStore;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * The Elytron credential store WildFly reads OrderFlow's passwords from (artemis-config's
 * configure-server.cli defines it as {@code credential-store=orderflow}), beside the server's
 * configuration with the key that opens it, owner-readable only. WildFly reads the key through its
 * {@code {EXT}} command: no password on a command line, in a system property or in the
 * configuration.
 */
final class ServerCredentials {

    static final String STORE = "orderflow-credentials.cs";
    static final String STORE_KEY = "orderflow-credentials.key";

    private ServerCredentials() {}

    /**
     * Adds or replaces these secrets, under these aliases, in the store the build created with its
     * key.
     */
    static void store(Path configuration, Map<String, String> secrets) throws IOException {
        try {
            CredentialStore store = open(configuration, false);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                store.store(secret.getKey(), password(secret.getValue()));
            }
            store.flush();
            Secrets.ownerOnly(configuration.resolve(STORE));
            Secrets.ownerOnly(configuration.resolve(STORE_KEY));
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not write the credential store in " + configuration, e);
        }
    }

    /**
     * The store as WildFly opens it, with the key beside it; {@code create} makes an empty one, as
     * the build's CLI does ({@code create=true}).
     */
    static CredentialStore open(Path configuration, boolean create)
            throws IOException, GeneralSecurityException {
        String storePassword = Files.readString(configuration.resolve(STORE_KEY)).trim();
        CredentialStore store =
                CredentialStore.getInstance(
                        KeyStoreCredentialStore.KEY_STORE_CREDENTIAL_STORE,
                        WildFlyElytronCredentialStoreProvider.getInstance());
        store.initialize(
                Map.of(
                        "location",
                        configuration.resolve(STORE).toString(),
                        "keyStoreType",
                        "PKCS12",
                        "modifiable",
                        "true",
                        "create",
                        String.valueOf(create)),
                new CredentialStore.CredentialSourceProtectionParameter(
                        IdentityCredentials.NONE.withCredential(password(storePassword))),
                new Provider[] {WildFlyElytronPasswordProvider.getInstance()});
        return store;
    }

    private static PasswordCredential password(String secret) {
        return new PasswordCredential(
                ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, secret.toCharArray()));
    }
}
