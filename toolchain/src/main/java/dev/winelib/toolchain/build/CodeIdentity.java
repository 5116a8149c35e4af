package dev.winelib.toolchain.build;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What identifies the code that makes an output, for the keys under which the build keeps outputs
 * between runs: the content of the jar (or of every file of the class directory) each given class
 * was loaded from. The version alone is not enough: a snapshot rebuilt with other code keeps its
 * version, and an output kept from the old code must then be made again.
 *
 * <p>A location is fingerprinted once per JVM, when first asked: the code this JVM runs is the code it
 * loaded then, whatever happens to the file later. A jar's hash comes from {@link ContentHashes}, so an
 * unchanged jar is not read again in a later build that recalled the hashes.
 */
public final class CodeIdentity {

    private static final Map<Path, String> BY_LOCATION = new ConcurrentHashMap<>();

    private CodeIdentity() {
    }

    /**
     * One line per distinct location the classes were loaded from ({@code jar PATH SHA256} or
     * {@code classes PATH SHA256}), or {@code unknown CLASS} for a class whose location cannot be read
     * (an output keyed by such an identity must not be kept: see {@link #known}).
     */
    public static String of(Class<?>... classes) throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        for (Class<?> c : classes) {
            Path location = location(c);
            if (location == null) {
                lines.add("unknown " + c.getName());
                continue;
            }
            String identity = BY_LOCATION.get(location);
            if (identity == null) {
                identity = fingerprint(location);
                BY_LOCATION.putIfAbsent(location, identity);
                identity = BY_LOCATION.get(location);
            }
            lines.add(identity);
        }
        return String.join("\n", lines);
    }

    /** Whether {@code identity} (from {@link #of}) names every class's code, so that it can key a kept output. */
    public static boolean known(String identity) {
        return !identity.startsWith("unknown ") && !identity.contains("\nunknown ");
    }

    private static Path location(Class<?> c) {
        try {
            CodeSource code = c.getProtectionDomain().getCodeSource();
            if (code == null || code.getLocation() == null || !"file".equals(code.getLocation().getProtocol())) {
                return null;
            }
            return Path.of(code.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String fingerprint(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return "jar " + location + " " + ContentHashes.sha256(location);
        }
        if (!Files.isDirectory(location)) {
            return "unknown " + location;
        }
        // a class directory (tests, an IDE): every file below it, by name and content
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(location.relativize(f)).append(' ').append(ContentHashes.sha256(f)).append('\n');
        }
        return "classes " + location + " " + Stamp.sha256(b.toString());
    }
}
