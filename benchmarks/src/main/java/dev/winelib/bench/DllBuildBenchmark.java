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
import org.openjdk.jmh.infra.BenchmarkParams;

import dev.winelib.sysroot.Sysroot;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.WinelibBuildRequest;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * (c) A whole DLL built from sources, from nothing (examples/hello: one C file and its spec): winebuild-j's
 * pipeline as the Maven plugin runs it (compile, runtime, probe link, module object, link, fix-ups,
 * checks; every output removed before each build) against {@code winegcc -shared hello.spec hello.c -o
 * hello.dll.so} (compile, winebuild, gcc -shared, winebuild --fixup-ctors).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
public class DllBuildBenchmark {

    private Path dir;
    private Path spec;
    private Path source;
    private WinelibBuilder builder;
    private WinelibBuildRequest request;
    private Path winegcc;

    @Setup(Level.Trial)
    public void project() throws IOException {
        dir = Files.createTempDirectory("bench-dll");
        Path hello = BenchEnvironment.root().resolve("examples/hello/src/main");
        spec = Files.copy(hello.resolve("spec/hello.spec"), dir.resolve("hello.spec"));
        Files.createDirectories(dir.resolve("c"));
        source = Files.copy(hello.resolve("c/hello.c"), dir.resolve("c/hello.c"));
        builder = new WinelibBuilder(ToolLocator.fromEnvironment(), BuildLog.silent());
        request = WinelibBuildRequest.builder(spec, dir.resolve("out/hello.dll"), dir.resolve("work"))
                .sources(List.of(source))
                .sourceRoot(dir.resolve("c"))
                .sysroot(Sysroot.host())
                .viewsDirectory(dir.resolve("views"))
                .build();
        winegcc = BenchEnvironment.winegcc();
    }

    @Setup(Level.Invocation)
    public void clean() {
        BenchEnvironment.deleteTree(dir.resolve("out"));
        BenchEnvironment.deleteTree(dir.resolve("work"));
        BenchEnvironment.deleteTree(dir.resolve("winegcc"));
    }

    /** Peak memory: winebuild-j's is this JVM's; winegcc's that of one extra build, measured with GNU time. */
    @TearDown(Level.Trial)
    public void cleanUp(BenchmarkParams params) throws IOException {
        if (params.getBenchmark().endsWith(".winebuildJ")) {
            PeakMemory.record(params.getBenchmark(), PeakMemory.ownPeakKb());
        } else {
            Path out = Files.createDirectories(dir.resolve("winegcc"));
            PeakMemory.record(params.getBenchmark(), TimedCommand.run(out, List.of(winegcc.toString(), "-shared",
                    spec.toString(), source.toString(), "-o", out.resolve("hello.dll.so").toString())).peakKb());
        }
        BenchEnvironment.deleteTree(dir);
    }

    @Benchmark
    public void winebuildJ() throws Exception {
        builder.build(request);
    }

    @Benchmark
    public void winegcc() throws IOException {
        Path out = Files.createDirectories(dir.resolve("winegcc"));
        BenchEnvironment.run(out, List.of(winegcc.toString(), "-shared", spec.toString(), source.toString(), "-o",
                out.resolve("hello.dll.so").toString()));
    }
}
