package dev.winelib.toolchain.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.winelib.spec.TargetCpu;

import dev.winelib.toolchain.differential.Comparison.Outcome;

/**
 * Every {@code .spec} file of the Wine source tree, built by winebuild and by winebuild-j: a spec winebuild
 * rejects must be rejected by us too (on the same line), and for a spec it accepts, the export views must be
 * identical. Specs whose winebuild output gcc cannot assemble are counted and listed on their own. Runs for
 * x86_64 ({@code -m64}, linked modules compared) and for i386 ({@code -m32}, header objects compared; see
 * {@link WinebuildDifferential}).
 *
 * <p>Runs only in the {@code wine-corpus} profile: {@code scripts/wine-corpus}, or {@code ./mvnw -B -pl
 * toolchain test -Pwine-corpus -Dwine.source.dir=/path/to/wine-8.0}. The report is printed and written
 * to {@code target/wine-corpus-report.txt} (i386: {@code target/wine-corpus-report-i386.txt}).
 */
@Tag("wine-corpus")
class WineCorpusTest {

    static final String SOURCE_PROPERTY = "wine.source.dir";
    static final String THREADS_PROPERTY = "wine.corpus.threads";
    /** x86_64 or i386 to run one CPU's comparison only (both by default). */
    static final String CPU_PROPERTY = "wine.corpus.cpu";

    @ParameterizedTest
    @EnumSource(TargetCpu.class)
    void everyWineSpecAgreesWithWinebuild(TargetCpu cpu) throws Exception {
        String only = System.getProperty(CPU_PROPERTY, "");
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || only.equals(cpu.specName()),
                "-D" + CPU_PROPERTY + "=" + only + ": " + cpu.specName() + " left out");
        Path source = wineSource();
        DifferentialTools.Found tools = DifferentialTools.require();
        String suffix = cpu == TargetCpu.I386 ? "-i386" : "";
        // under target/, so that the files of a mismatch outlive the test (the others are deleted)
        Path work = Path.of("target", "wine-corpus-work" + suffix).toAbsolutePath();
        if (Files.exists(work)) {
            WinebuildDifferential.deleteTree(work);
        }
        Files.createDirectories(work);
        WinebuildDifferential differential = new WinebuildDifferential(tools, work, cpu);
        List<Path> specs;
        try (Stream<Path> files = Files.walk(source)) {
            specs = files.filter(p -> p.getFileName().toString().endsWith(".spec") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        assertThat(specs).as("no .spec files under %s", source).isNotEmpty();

        int threads = threads();
        long start = System.nanoTime();
        List<Comparison> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Comparison>> futures = new ArrayList<>();
            for (Path spec : specs) {
                futures.add(pool.submit(() -> differential.compare(spec)));
            }
            for (Future<Comparison> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);

        String report = (cpu == TargetCpu.I386 ? "i386 (-m32)\n" : "") + report(source, results, threads, time);
        Path reportFile = Path.of("target", "wine-corpus-report" + suffix + ".txt");
        Files.createDirectories(reportFile.getParent());
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);
        System.out.println(report);

        List<Comparison> failures = results.stream()
                .filter(c -> c.mismatch() || c.outcome() == Outcome.BOTH_REJECTED && !c.rejectionLinesAgree())
                .toList();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + results.size() + " Wine specs do not agree with winebuild (report in "
                    + reportFile.toAbsolutePath() + "):\n" + WinebuildDifferential.reports(failures));
        }
    }

    static Path wineSource() {
        String dir = System.getProperty(SOURCE_PROPERTY, "");
        String hint = "; run scripts/wine-corpus, which fetches the Wine 8.0 source with apt and runs this test,"
                + " or pass -D" + SOURCE_PROPERTY + "=/path/to/wine-8.0 (an unpacked Wine source tree)";
        if (dir.isBlank()) {
            fail("the wine-corpus tests need the Wine source tree: -D" + SOURCE_PROPERTY + " is not set" + hint);
        }
        Path path = Path.of(dir).toAbsolutePath();
        if (!Files.isDirectory(path.resolve("dlls"))) {
            fail(SOURCE_PROPERTY + "=" + dir + " is not an unpacked Wine source tree (it has no dlls/ directory)"
                    + hint);
        }
        return path;
    }

    static int threads() {
        String value = System.getProperty(THREADS_PROPERTY, "");
        return value.isBlank() ? Math.max(1, Runtime.getRuntime().availableProcessors()) : Integer.parseInt(value);
    }

    static String report(Path source, List<Comparison> results, int threads, Duration time) {
        StringBuilder b = new StringBuilder();
        b.append("Wine spec corpus: ").append(source).append('\n');
        b.append(String.format(Locale.ROOT, "%d spec files (%d of them dlls/*/*.spec), %d threads, %d.%03d s%n",
                results.size(), results.stream().filter(c -> isDllSpec(source, c.spec())).count(), threads,
                time.toSeconds(), time.toMillisPart()));
        for (boolean dllSpecs : new boolean[] {true, false}) {
            List<Comparison> group = results.stream().filter(c -> isDllSpec(source, c.spec()) == dllSpecs).toList();
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            group.forEach(c -> counts.merge(c.outcome(), 1, Integer::sum));
            long linesAgree = group.stream()
                    .filter(c -> c.outcome() == Outcome.BOTH_REJECTED && c.rejectionLinesAgree()).count();
            b.append(dllSpecs ? "dlls/*/*.spec" : "other .spec files").append(": ").append(group.size()).append('\n');
            b.append(String.format(Locale.ROOT, "  accepted by both, identical exports: %d%n",
                    counts.getOrDefault(Outcome.IDENTICAL, 0)));
            b.append(String.format(Locale.ROOT, "  rejected by both:                   %d (same line: %d)%n",
                    counts.getOrDefault(Outcome.BOTH_REJECTED, 0), linesAgree));
            long oursUnlinkable = group.stream()
                    .filter(c -> c.outcome() == Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE && c.ourView().isEmpty())
                    .count();
            b.append(String.format(Locale.ROOT,
                    "  winebuild output not assemblable:   %d (ours not linkable either: %d)%n",
                    counts.getOrDefault(Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE, 0), oursUnlinkable));
            int mismatches = 0;
            for (Outcome o : Outcome.values()) {
                if (o.mismatch()) {
                    mismatches += counts.getOrDefault(o, 0);
                }
            }
            b.append(String.format(Locale.ROOT, "  mismatches:                         %d%n", mismatches));
            for (Outcome o : Outcome.values()) {
                if (o.mismatch() && counts.containsKey(o)) {
                    b.append(String.format(Locale.ROOT, "    %s: %d%n", o, counts.get(o)));
                }
            }
        }
        List<ExportView> compared = results.stream().filter(c -> c.outcome() == Outcome.IDENTICAL)
                .map(c -> c.winebuildView().orElseThrow()).toList();
        long slots = compared.stream().mapToLong(v -> v.slots().size()).sum();
        long forwards = compared.stream().flatMap(v -> v.slots().values().stream())
                .filter(s -> s.target().startsWith("forward ")).count();
        long withoutSymbol = compared.stream().flatMap(v -> v.slots().values().stream())
                .filter(s -> s.target().startsWith("no symbol")).count();
        long names = compared.stream().mapToLong(v -> v.nameTable().size()).sum();
        b.append(String.format(Locale.ROOT, "identical modules hold %d export slots (%d forwards, %d targets named by"
                + " their symbol, %d targets without a symbol) and %d names%n", slots, forwards,
                slots - forwards - withoutSymbol, withoutSymbol, names));
        section(b, "Mismatches", results.stream().filter(Comparison::mismatch).toList());
        section(b, "Rejected by both on different lines", results.stream()
                .filter(c -> c.outcome() == Outcome.BOTH_REJECTED && !c.rejectionLinesAgree()).toList());
        section(b, "winebuild's output cannot be assembled (nothing to compare; ours was built)", results.stream()
                .filter(c -> c.outcome() == Outcome.WINEBUILD_OUTPUT_NOT_ASSEMBLABLE).toList());
        List<Comparison> defines = results.stream()
                .filter(c -> !c.onlyWinebuildDefines().isEmpty() || !c.onlyWeDefine().isEmpty()).toList();
        if (!defines.isEmpty()) {
            b.append("\nIdentical or not, the objects differ in what they define themselves (").append(defines.size())
                    .append(" specs):\n");
            for (Comparison c : defines) {
                b.append("  ").append(source.relativize(c.spec())).append(": ");
                if (!c.onlyWinebuildDefines().isEmpty()) {
                    b.append("only winebuild's object defines ").append(c.onlyWinebuildDefines().size()).append(" (")
                            .append(Comparison.abbreviated(c.onlyWinebuildDefines())).append(") ");
                }
                if (!c.onlyWeDefine().isEmpty()) {
                    b.append("only ours defines ").append(Comparison.abbreviated(c.onlyWeDefine()));
                }
                b.append('\n');
            }
        }
        b.append("\nRejected by both:\n");
        results.stream().filter(c -> c.outcome() == Outcome.BOTH_REJECTED).forEach(c -> b.append("  ")
                .append(source.relativize(c.spec())).append(": winebuild line ")
                .append(c.winebuildLine().isPresent() ? String.valueOf(c.winebuildLine().getAsInt()) : "-")
                .append(", ours ").append(c.ourLine().isPresent() ? String.valueOf(c.ourLine().getAsInt()) : "-")
                .append('\n').append("      winebuild:   ").append(message(c, false)).append('\n')
                .append("      winebuild-j: ").append(message(c, true)).append('\n'));
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<Comparison> list) {
        if (list.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(" (").append(list.size()).append("):\n");
        for (Comparison c : list) {
            b.append(c.report());
        }
    }

    /** The first line of winebuild's or of our rejection, without the file name. */
    private static String message(Comparison c, boolean ours) {
        String prefix = c.spec() + ":";
        return c.details().lines()
                .filter(l -> ours ? l.startsWith("winebuild-j: ") : l.startsWith(prefix))
                .map(l -> ours ? l.substring("winebuild-j: ".length()) : l)
                .map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l)
                .findFirst().orElse("(no message)");
    }

    private static boolean isDllSpec(Path source, Path spec) {
        Path rel = source.relativize(spec);
        return rel.getNameCount() == 3 && rel.getName(0).toString().equals("dlls");
    }
}
