package io.orderflow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a mode keeps its secrets, as another account on the machine would find them: every file
 * under a folder that holds one of the given passwords, that is a credential store, a users file or
 * a broker's configuration (a pair's holds its cluster password) must be readable by its owner
 * alone.
 */
public final class SecretFiles {

    /** Journals and databases are larger and hold no password. */
    private static final long LARGEST_READ = 4 * 1024 * 1024;

    private SecretFiles() {}

    /** The files under the folders that hold a secret, each with its mode. */
    public static Set<String> holdingSecrets(Collection<Path> folders, Collection<String> secrets) {
        Set<String> found = new TreeSet<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> holdsSecret(file, secrets))
                        .forEach(file -> found.add(file + " " + mode(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Those of them that someone besides the owner may read or write. */
    public static Set<String> readableByOthers(
            Collection<Path> folders, Collection<String> secrets) {
        Set<String> open = new TreeSet<>();
        for (String entry : holdingSecrets(folders, secrets)) {
            if (!entry.endsWith("rw-------") && !entry.endsWith("r--------")) {
                open.add(entry);
            }
        }
        return open;
    }

    private static boolean holdsSecret(Path file, Collection<String> secrets) {
        String name = file.getFileName().toString();
        if (name.startsWith("orderflow-credentials.")
                || name.endsWith("-users.properties")
                || name.endsWith("broker.xml")) {
            return true;
        }
        try {
            if (Files.size(file) > LARGEST_READ) {
                return false;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return secrets.stream().anyMatch(text::contains);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String mode(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return PosixFilePermissions.toString(permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
