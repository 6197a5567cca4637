package io.orderflow.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One of WildFly's properties realms, its users written as add-user.sh writes them ({@code
 * user=HEX(MD5(user:realm: password))}, the groups beside), but without the password on a command
 * line. WildFly notices the change while running.
 */
enum PropertiesRealm {
    APPLICATION("ApplicationRealm", "application-users.properties", "application-roles.properties"),
    MANAGEMENT("ManagementRealm", "mgmt-users.properties", "mgmt-groups.properties");

    private final String realm;
    private final String users;
    private final String groups;

    PropertiesRealm(String realm, String users, String groups) {
        this.realm = realm;
        this.users = users;
        this.groups = groups;
    }

    /** Adds the user, or replaces its password and groups. */
    void put(Path configuration, String user, String password, String... memberOf)
            throws IOException {
        set(configuration.resolve(users), user, digest(user, password));
        set(configuration.resolve(groups), user, String.join(",", memberOf));
    }

    private String digest(String user, String password) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("MD5")
                            .digest(
                                    (user + ":" + realm + ":" + password)
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    private static void set(Path file, String user, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.removeIf(line -> line.startsWith(user + "="));
        lines.add(user + "=" + value);
        Files.write(file, lines);
        // password hashes: WildFly's own files ship readable by everyone
        Secrets.ownerOnly(file);
    }
}
