package dev.winelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH, each winebuild-j measurement next to its reference measured in the same
 * run, and prints the medians and ratios as a Markdown table (also written to
 * {@code benchmarks/target/benchmark-results.md}).
 *
 * <p>Arguments: the benchmarks to run ({@code a b c d}, default all) and {@code --quick} (fewer
 * iterations, for a smoke run). {@code scripts/benchmark} sets the system properties of
 * {@link BenchEnvironment}.
 */
public final class BenchmarkRunner {

    /** One comparison: a winebuild-j benchmark and the reference it is measured against. */
    private record Pair(String id, String title, Class<?> benchmark, String ours, String reference,
            String referenceName) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("a", "spec → object, Wine's DLL spec corpus", SpecToObjectBenchmark.class, "winebuildJ",
                    "winebuildAndAs", "winebuild + as"),
            new Pair("b", "one small spec from the command line (hello.spec)", CommandLineBenchmark.class,
                    "winebuildJ", "winebuild", "winebuild"),
            new Pair("c", "whole DLL from sources (examples/hello)", DllBuildBenchmark.class, "winebuildJ", "winegcc",
                    "winegcc"),
            new Pair("d", "no-op `mvn package` of the unchanged examples/hello", NoOpMavenBuildBenchmark.class,
                    "winebuildJ", "makeWithWinegcc", "no-op `make` (winegcc Makefile)"));

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = false;
        List<String> selected = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (PAIRS.stream().anyMatch(p -> p.id().equals(a))) {
                selected.add(a);
            } else {
                System.err.println("usage: BenchmarkRunner [a] [b] [c] [d] [--quick]");
                System.exit(2);
            }
        }
        if (selected.isEmpty()) {
            PAIRS.forEach(p -> selected.add(p.id()));
        }
        ChainedOptionsBuilder options = new OptionsBuilder().shouldFailOnError(true);
        for (Pair p : PAIRS) {
            if (selected.contains(p.id())) {
                options.include(p.benchmark().getName() + "\\.");
            }
        }
        List<String> jvmArgs = new ArrayList<>();
        for (String property : List.of(BenchEnvironment.ROOT, BenchEnvironment.WINE_SOURCE,
                BenchEnvironment.MAVEN_HOME)) {
            String value = System.getProperty(property);
            if (value != null) {
                jvmArgs.add("-D" + property + "=" + value);
            }
        }
        options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (quick) {
            options.warmupIterations(1).measurementIterations(3);
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, double[]> medians = new LinkedHashMap<>();
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            medians.put(r.getParams().getBenchmark(), new double[] {stats.getPercentile(50), stats.getN()});
        }
        String table = table(selected, medians, quick);
        System.out.println();
        System.out.println(table);
        Path out = BenchEnvironment.root().resolve("benchmarks/target/benchmark-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("written to " + out);
    }

    private static String table(List<String> selected, Map<String, double[]> medians, boolean quick) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" on ").append(machine()).append(quick ? " (--quick run)" : "").append("; medians of JMH"
                        + " single-shot iterations after warm-up.\n\n");
        b.append("| | benchmark | winebuild-j | reference | reference time | winebuild-j vs reference |\n");
        b.append("| --- | --- | ---: | --- | ---: | --- |\n");
        double winegccFull = Double.NaN;
        for (Pair p : PAIRS) {
            if (!selected.contains(p.id())) {
                continue;
            }
            double[] ours = medians.get(p.benchmark().getName() + "." + p.ours());
            double[] ref = medians.get(p.benchmark().getName() + "." + p.reference());
            if (ours == null || ref == null) {
                continue;
            }
            if (p.id().equals("c")) {
                winegccFull = ref[0];
            }
            b.append("| (").append(p.id()).append(") | ").append(p.title());
            if (p.id().equals("a")) {
                b.append(" (").append(corpusSize()).append(" files)");
            }
            b.append(" | ").append(millis(ours[0])).append(" | ").append(p.referenceName()).append(" | ")
                    .append(millis(ref[0])).append(" | ").append(ratio(ours[0], ref[0])).append(" |\n");
            if (p.id().equals("d") && !Double.isNaN(winegccFull)) {
                b.append("| (d) | same, against a full winegcc build from (c) | ").append(millis(ours[0]))
                        .append(" | winegcc, whole build | ").append(millis(winegccFull)).append(" | ")
                        .append(ratio(ours[0], winegccFull)).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String ratio(double ours, double reference) {
        double r = reference / ours;
        return r >= 1 ? String.format(Locale.ROOT, "**%.1f× faster**", r)
                : String.format(Locale.ROOT, "%.1f× slower", 1 / r);
    }

    private static int corpusSize() throws IOException {
        return SpecToObjectBenchmark.corpus(BenchEnvironment.wineSource()).size();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        return Runtime.getRuntime().availableProcessors() + " × " + cpu + ", Java " + System.getProperty("java.version");
    }
}
