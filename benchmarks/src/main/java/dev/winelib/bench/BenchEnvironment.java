package dev.winelib.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the benchmarks find this repository, the Wine source tree, Wine's tools and Maven; set by
 * {@code scripts/benchmark} as system properties, which JMH hands on to its forked JVMs.
 */
final class BenchEnvironment {

    static final String ROOT = "bench.root";
    static final String WINE_SOURCE = "bench.wineSource";
    static final String MAVEN_HOME = "bench.mavenHome";
    static final String REPOSITORY_TAIL = "bench.repositoryTail";

    private BenchEnvironment() {
    }

    /** The winebuild-j repository (its bin/, examples/ and benchmarks/target/local-repo). */
    static Path root() {
        return Path.of(required(ROOT)).toAbsolutePath();
    }

    /** The Wine 8.0 source tree whose spec files make corpus (a). */
    static Path wineSource() {
        String configured = System.getProperty(WINE_SOURCE, "");
        List<Path> candidates = new ArrayList<>();
        if (!configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path cacheDir = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"),
                ".cache");
        candidates.add(cacheDir.resolve("winebuild-j/wine-source/wine"));
        candidates.add(Path.of("/tmp/winesrc/wine-8.0"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("dlls"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Wine source tree (with dlls/) in " + candidates
                + ": run scripts/wine-corpus once to fetch it, or give -D" + WINE_SOURCE + "=DIR");
    }

    static Path winebuild() {
        return executable("/usr/lib/wine/winebuild", "winebuild (Debian package wine64-tools)");
    }

    static Path winegcc() {
        return executable("/usr/lib/wine/winegcc", "winegcc (Debian package wine64-tools)");
    }

    /** The Maven installation that runs benchmark (d): the wrapper's. */
    static Path maven() {
        return executable(Path.of(required(MAVEN_HOME), "bin", "mvn").toString(), "mvn");
    }

    /** The local repository the plugin was staged into by the benchmarks module's build. */
    static Path stagedRepository() {
        Path repo = root().resolve("benchmarks/target/local-repo");
        if (!Files.isDirectory(repo.resolve("dev/winelib/winelib-maven-plugin"))) {
            throw new IllegalStateException("the plugin is not staged in " + repo + ": run scripts/benchmark");
        }
        return repo;
    }

    /** The local repository Maven reads the plugin's third-party dependencies from (after the staged one). */
    static Path repositoryTail() {
        String configured = System.getProperty(REPOSITORY_TAIL, "");
        return configured.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(configured);
    }

    /** The version of the staged plugin. */
    static String pluginVersion() throws IOException {
        try (Stream<Path> versions = Files.list(stagedRepository().resolve("dev/winelib/winelib-maven-plugin"))) {
            return versions.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no staged winelib-maven-plugin version"));
        }
    }

    private static Path executable(String path, String what) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(what + " is not installed at " + p);
        }
        return p;
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the benchmarks with"
                    + " scripts/benchmark");
        }
        return value;
    }

    /** Runs a command in {@code dir}; fails with its output unless it exits with 0. */
    static void run(Path dir, Map<String, String> environment, List<String> command) {
        output(dir, environment, command, command);
    }

    /**
     * Runs {@code command} in {@code dir} and returns its output (standard output and error); fails with it
     * unless it exits with 0, naming the command as {@code shown}.
     */
    static String output(Path dir, Map<String, String> environment, List<String> command, List<String> shown) {
        try {
            Path log = Files.createTempFile("bench", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(environment);
                int code = pb.start().waitFor();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (code != 0) {
                    throw new IllegalStateException(String.join(" ", shown) + " failed in " + dir + " (exit " + code
                            + "):\n" + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void run(Path dir, List<String> command) {
        run(dir, Map.of(), command);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (regular files and directories only). */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
