package dev.winelib.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * A test project from src/it, copied to target/it-projects (so the source tree stays clean) and
 * built there with the Maven distribution running this build, against the staged plugin.
 */
final class TestProject {

    /** How long one Maven build of a test project may take. */
    static final Duration BUILD_TIMEOUT = Duration.ofSeconds(300);

    private static final String VERSION_TOKEN = "@project.version@";

    private final String name;
    private final Path directory;
    private int builds;

    private TestProject(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /**
     * Copies src/it/NAME to a fresh target/it-projects/NAME, with {@code @project.version@} in POMs
     * replaced by the plugin's version. An empty {@code .mvn} directory marks the copy as its own
     * top directory, so no {@code .mvn/maven.config} of an enclosing directory applies to it.
     */
    static TestProject copy(String name) throws IOException {
        return copyFrom(ItSettings.projectsSource().resolve(name), name);
    }

    /** Copies src/it/SOURCE to a fresh target/it-projects/NAME: the same project in another directory. */
    static TestProject copyAs(String source, String name) throws IOException {
        return copyFrom(ItSettings.projectsSource().resolve(source), name);
    }

    /** Copies the repository's examples/NAME, as a user would build it, to a fresh target/it-projects/NAME. */
    static TestProject copyExample(String name) throws IOException {
        return copyFrom(ItSettings.projectsSource().resolve("../../../examples").normalize().resolve(name), name);
    }

    /**
     * Copies the repository's examples/EXAMPLE to a fresh target/it-projects/NAME (NAME may have
     * several parts): the same project checked out in another directory.
     */
    static TestProject copyExampleAs(String example, String name) throws IOException {
        return copyFrom(ItSettings.projectsSource().resolve("../../../examples").normalize().resolve(example), name);
    }

    /**
     * Copies src/it/NAME (its POM) to a fresh target/it-projects/NAME, and the sources and host
     * program of examples/EXAMPLE into it: the example's code under another configuration.
     */
    static TestProject copyWithExampleSources(String name, String example) throws IOException {
        TestProject project = copy(name);
        Path exampleDir = ItSettings.projectsSource().resolve("../../../examples").normalize().resolve(example);
        for (String part : List.of("src")) {
            if (Files.isDirectory(exampleDir.resolve(part))) {
                copyTree(exampleDir.resolve(part), project.directory.resolve(part));
            }
        }
        return project;
    }

    /**
     * Generates a project from the archetype dev.winelib:ARCHETYPE (staged with the plugin), as a user
     * would with {@code mvn archetype:generate ... -DinteractiveMode=false}, in a fresh
     * target/it-projects/NAME; the project is its subdirectory ARTIFACT_ID.
     */
    static TestProject generate(String name, String archetype, String groupId, String artifactId)
            throws IOException, MavenInvocationException {
        Path parent = ItSettings.projectsDirectory().resolve(name);
        deleteRecursively(parent);
        Files.createDirectories(parent.resolve(".mvn"));
        TestProject generator = new TestProject(name, parent);
        generator.mvn(List.of("org.apache.maven.plugins:maven-archetype-plugin:"
                        + ItSettings.archetypePluginVersion() + ":generate"),
                Map.of("archetypeGroupId", "dev.winelib", "archetypeArtifactId", archetype,
                        "archetypeVersion", ItSettings.pluginVersion(), "groupId", groupId,
                        "artifactId", artifactId, "interactiveMode", "false"),
                Map.of(), true).assertSuccess();
        Path project = parent.resolve(artifactId);
        Files.createDirectories(project.resolve(".mvn"));
        return new TestProject(name + "/" + artifactId, project);
    }

    private static TestProject copyFrom(Path source, String name) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no test project " + source);
        }
        Path target = ItSettings.projectsDirectory().resolve(name);
        deleteRecursively(target);
        copyTree(source, target);
        Files.createDirectories(target.resolve(".mvn"));
        return new TestProject(name, target);
    }

    Path directory() {
        return directory;
    }

    /**
     * The environment of a build whose sysroot cache is empty: {@code XDG_CACHE_HOME} set to a new
     * directory target/it-projects/NAME (the shared cache may already hold what a test provisions).
     */
    static Map<String, String> emptySysrootCache(String name) throws IOException {
        Path cacheHome = ItSettings.projectsDirectory().resolve(name);
        deleteRecursively(cacheHome);
        Files.createDirectories(cacheHome);
        return Map.of("XDG_CACHE_HOME", cacheHome.toString());
    }

    Path resolve(String relative) {
        return directory.resolve(relative);
    }

    /** Runs {@code mvn -B -o package} with the given user properties ({@code -Dkey=value}). */
    MavenRun mvnPackage(Map<String, String> properties) throws MavenInvocationException, IOException {
        return mvn(List.of("package"), properties, Map.of(), true);
    }

    /** Runs {@code mvn -B -o install}: the artifacts go to the staged local repository. */
    MavenRun mvnInstall() throws MavenInvocationException, IOException {
        return mvn(List.of("install"), Map.of(), Map.of(), true);
    }

    /**
     * Runs Maven in batch mode with the given goals, user properties ({@code -Dkey=value}) and
     * environment variables; offline unless a test resolves from a (file) repository.
     */
    MavenRun mvn(List<String> goals, Map<String, String> properties, Map<String, String> environment, boolean offline)
            throws MavenInvocationException, IOException {
        return mvn(null, goals, properties, environment, offline);
    }

    /**
     * Like {@link #mvn(List, Map, Map, boolean)}, run through {@code mavenExecutable} (a script that
     * runs {@link ItSettings#mavenHome()}'s {@code bin/mvn} in some other way) unless it is null.
     */
    MavenRun mvn(Path mavenExecutable, List<String> goals, Map<String, String> properties,
            Map<String, String> environment, boolean offline) throws MavenInvocationException, IOException {
        return mvn(mavenExecutable, goals, properties, environment, offline, BUILD_TIMEOUT);
    }

    /** Like {@link #mvn(Path, List, Map, Map, boolean)}, with its own time limit (emulated Wine runs take minutes). */
    MavenRun mvn(Path mavenExecutable, List<String> goals, Map<String, String> properties,
            Map<String, String> environment, boolean offline, Duration timeout)
            throws MavenInvocationException, IOException {
        int number = ++builds;
        Path logFile = directory.resolve("build-" + number + ".log");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Properties props = new Properties();
        // the staged repository is the local one; the user's repository is only read, never written
        props.setProperty("maven.repo.local.tail", ItSettings.localRepositoryTail().toString());
        props.putAll(properties);

        InvocationRequest request = new DefaultInvocationRequest()
                .setBaseDirectory(directory.toFile())
                .setBatchMode(true)
                .setOffline(offline)
                .setNoTransferProgress(true)
                .setShowErrors(true)
                .setLocalRepositoryDirectory(ItSettings.localRepository().toFile())
                .setJavaHome(new File(System.getProperty("java.home")))
                .setProperties(props)
                .setOutputHandler(lines::add)
                .setErrorHandler(lines::add)
                // MAVEN_ARGS such as -q would hide the log lines the tests read
                .addShellEnvironment("MAVEN_ARGS", "");
        if (mavenExecutable != null) {
            request.setMavenExecutable(mavenExecutable.toFile());
        }
        goals.forEach(request::addArg);
        environment.forEach(request::addShellEnvironment);
        request.setTimeoutInSeconds((int) timeout.toSeconds());

        InvocationResult result = new DefaultInvoker().setMavenHome(ItSettings.mavenHome().toFile()).execute(request);
        List<String> log;
        synchronized (lines) {
            log = List.copyOf(lines);
        }
        Files.write(logFile, log, StandardCharsets.UTF_8);
        if (result.getExecutionException() != null) {
            throw new AssertionError("could not run Maven for " + name + " (log: " + logFile + ")",
                    result.getExecutionException());
        }
        return new MavenRun(name + " build " + number, result.getExitCode(), log, logFile);
    }

    MavenRun mvnPackage() throws MavenInvocationException, IOException {
        return mvnPackage(Map.of());
    }

    /** The DLLs in target/ (none when target/ does not exist). */
    List<String> dllsInTarget() throws IOException {
        Path target = directory.resolve("target");
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dll")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The result of one Maven build of a test project. */
    record MavenRun(String title, int exitCode, List<String> log, Path logFile) {

        MavenRun assertSuccess() {
            if (exitCode != 0 || !log.contains("[INFO] BUILD SUCCESS")) {
                fail(title + " failed with exit code " + exitCode + "; log " + logFile + ":\n" + String.join("\n", log));
            }
            return this;
        }

        MavenRun assertFailure() {
            if (exitCode == 0 || !log.contains("[INFO] BUILD FAILURE")) {
                fail(title + " was expected to fail but exited with " + exitCode + "; log " + logFile + ":\n"
                        + String.join("\n", log));
            }
            return this;
        }

        /** The messages of INFO lines, without the {@code [INFO] } prefix, that start with {@code prefix}. */
        List<String> infoLinesStartingWith(String prefix) {
            return log.stream().filter(l -> l.startsWith("[INFO] " + prefix)).map(l -> l.substring("[INFO] ".length()))
                    .collect(Collectors.toList());
        }

        String text() {
            return String.join("\n", log);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        String version = ItSettings.pluginVersion();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(source.resolve("target"))) {
                    return FileVisitResult.SKIP_SUBTREE; // build output of the source tree (an example's demo run)
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (file.getFileName().toString().equals("pom.xml")) {
                    String pom = Files.readString(file, StandardCharsets.UTF_8);
                    Files.writeString(to, pom.replace(VERSION_TOKEN, version), StandardCharsets.UTF_8);
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                } else if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
