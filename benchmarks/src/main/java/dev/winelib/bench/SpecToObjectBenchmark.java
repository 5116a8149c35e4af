package dev.winelib.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.ExportDefinitions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecException;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.module.ModuleAssembler;

/**
 * (a) Spec to object over Wine's own spec corpus (every {@code dlls/*}{@code /*.spec} both tools accept,
 * about 600 files): winebuild-j in the process (parse, emit, assemble, write {@code NAME.spec.o}) against
 * {@code winebuild --dll -m64 -E SPEC -o NAME.spec.o} run per spec, which assembles with {@code as}. One
 * operation is the whole corpus, one file after the other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class SpecToObjectBenchmark {

    private List<Path> specs;
    private Path out;
    private Path winebuild;
    private final ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter("winebuild-j benchmark");

    @Setup(Level.Trial)
    public void corpus() throws IOException {
        Path source = BenchEnvironment.wineSource();
        winebuild = BenchEnvironment.winebuild();
        specs = corpus(source);
        out = Files.createTempDirectory("bench-spec-objects");
    }

    /** The Wine DLL specs winebuild-j accepts (the Wine corpus test shows winebuild accepts the same ones). */
    static List<Path> corpus(Path wineSource) throws IOException {
        List<Path> all;
        try (Stream<Path> dirs = Files.list(wineSource.resolve("dlls"))) {
            all = dirs.filter(Files::isDirectory).flatMap(d -> {
                try (Stream<Path> files = Files.list(d)) {
                    return files.filter(f -> f.getFileName().toString().endsWith(".spec")).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
        List<Path> accepted = new ArrayList<>();
        for (Path p : all) {
            try {
                ExportDefinitions.parse(p, Optional.empty());
                accepted.add(p);
            } catch (SpecException e) {
                // 16-bit and apiset specs: refused by both tools
            }
        }
        return accepted;
    }

    @Setup(Level.Iteration)
    public void emptyOutput() throws IOException {
        BenchEnvironment.deleteTree(out);
        Files.createDirectories(out);
    }

    /**
     * Peak memory: winebuild-j's is this JVM's (the whole corpus in one process); winebuild's is that of one
     * extra run on the largest spec of the corpus, measured with GNU time.
     */
    @TearDown(Level.Trial)
    public void cleanUp(BenchmarkParams params) throws IOException {
        if (params.getBenchmark().endsWith(".winebuildJ")) {
            PeakMemory.record(params.getBenchmark(), PeakMemory.ownPeakKb());
        } else {
            Path largest = specs.get(0);
            for (Path p : specs) {
                if (Files.size(p) > Files.size(largest)) {
                    largest = p;
                }
            }
            PeakMemory.record(params.getBenchmark(), TimedCommand.run(out, List.of(winebuild.toString(), "--dll",
                    "-m64", "-E", largest.toString(), "-o", out.resolve("largest.spec.o").toString())).peakKb());
        }
        BenchEnvironment.deleteTree(out);
    }

    /** How many spec files one operation processes. */
    public int corpusSize() {
        return specs.size();
    }

    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 7)
    public void winebuildJ() throws IOException, SpecException, BuildFailure {
        for (Path spec : specs) {
            ModuleSpec module = ExportDefinitions.parse(spec, Optional.empty());
            String assembly = emitter.emit(module, ModuleOptions.dllWithOptionalEntry("DllMain"));
            ModuleAssembler.assemble(assembly, out.resolve(module.fileName() + ".spec.o"));
        }
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void winebuildAndAs() {
        for (Path spec : specs) {
            String name = spec.getFileName().toString().replaceFirst("\\.spec$", "");
            BenchEnvironment.run(out, List.of(winebuild.toString(), "--dll", "-m64", "-E", spec.toString(), "-o",
                    out.resolve(name + ".dll.spec.o").toString()));
        }
    }
}
