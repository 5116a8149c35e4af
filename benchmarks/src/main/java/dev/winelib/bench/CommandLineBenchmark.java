package dev.winelib.bench;

import java.io.IOException;
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
 * (b) One small spec (examples/hello's) to an object from the command line, process start included:
 * {@code bin/winebuild-j --dll -E hello.spec -o hello.spec.o} against {@code winebuild --dll -m64 -E
 * hello.spec -o hello.spec.o}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 20)
public class CommandLineBenchmark {

    private Path dir;
    private Path spec;
    private Path launcher;
    private Path winebuild;

    @Setup(Level.Trial)
    public void files() throws IOException {
        dir = Files.createTempDirectory("bench-cli");
        spec = Files.copy(BenchEnvironment.root().resolve("examples/hello/src/main/spec/hello.spec"),
                dir.resolve("hello.spec"));
        launcher = BenchEnvironment.root().resolve("bin/winebuild-j");
        winebuild = BenchEnvironment.winebuild();
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        BenchEnvironment.deleteTree(dir);
    }

    @Benchmark
    public void winebuildJ() {
        BenchEnvironment.run(dir, List.of(launcher.toString(), "--dll", "-E", spec.toString(), "-o",
                dir.resolve("ours.spec.o").toString()));
    }

    @Benchmark
    public void winebuild() {
        BenchEnvironment.run(dir, List.of(winebuild.toString(), "--dll", "-m64", "-E", spec.toString(), "-o",
                dir.resolve("winebuild.spec.o").toString()));
    }
}
