package dev.winelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) A no-op build of an unchanged project: {@code mvn -o -q package} of examples/hello after a first
 * build (Maven's start, the lifecycle, and the plugin's up-to-date checks by content), against the same
 * project built by a Makefile around winegcc, where the no-op is {@code make} finding the DLL newer than
 * its sources. The runner also relates (d) to a full winegcc build from (c).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class NoOpMavenBuildBenchmark {

    private Path project;
    private Path mvn;
    private Path repository;
    private Path userRepository;

    @Setup(Level.Trial)
    public void builtProject() throws IOException {
        project = Files.createTempDirectory("bench-noop");
        BenchEnvironment.copyTree(BenchEnvironment.root().resolve("examples/hello"), project);
        Files.createDirectories(project.resolve(".mvn")); // its own top directory: no enclosing maven.config
        mvn = BenchEnvironment.maven();
        repository = BenchEnvironment.stagedRepository();
        userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path winegcc = BenchEnvironment.winegcc();
        Files.writeString(project.resolve("Makefile"), "hello.dll.so: src/main/spec/hello.spec src/main/c/hello.c\n\t"
                + winegcc + " -shared src/main/spec/hello.spec src/main/c/hello.c -o $@\n", StandardCharsets.UTF_8);
        mavenPackage();
        BenchEnvironment.run(project, List.of("make", "-s"));
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        BenchEnvironment.deleteTree(project);
    }

    private void mavenPackage() {
        BenchEnvironment.run(project, java.util.Map.of("MAVEN_ARGS", "", "MAVEN_OPTS", ""), List.of(mvn.toString(),
                "-o", "-q", "-B", "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + userRepository,
                "package"));
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 8)
    public void winebuildJ() {
        mavenPackage();
    }

    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 20)
    public void makeWithWinegcc() {
        BenchEnvironment.run(project, List.of("make", "-s"));
    }
}
