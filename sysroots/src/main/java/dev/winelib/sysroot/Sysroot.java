package dev.winelib.sysroot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the C library, its start files and libgcc come from: {@code host} (the running system,
 * {@code /}) or a directory holding a Debian-style tree.
 */
public final class Sysroot {

    /** The word that selects the running system. */
    public static final String HOST = "host";

    private final Path root;
    private final boolean host;

    private Sysroot(Path root, boolean host) {
        this.root = root;
        this.host = host;
    }

    public static Sysroot host() {
        return new Sysroot(Path.of("/"), true);
    }

    public static Sysroot directory(Path directory) {
        return new Sysroot(directory.toAbsolutePath().normalize(), false);
    }

    /** {@code host}, or a path to a directory. */
    public static Sysroot parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.equals(HOST) || text.equals("/") ? host() : directory(Path.of(text));
    }

    public Path root() {
        return root;
    }

    public boolean isHost() {
        return host;
    }

    @Override
    public String toString() {
        return host ? HOST : root.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sysroot s && s.host == host && s.root.equals(root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, host);
    }
}
