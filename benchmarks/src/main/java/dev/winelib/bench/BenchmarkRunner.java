package dev.winelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmark series, each winebuild-j measurement next to its reference measured in the same run,
 * and writes the results as the Markdown table of docs/performance.md (date, commit, machine, then one row
 * per comparison with times and peak memory) to {@code benchmarks/target/benchmark-results.md};
 * {@code --update-docs} also puts it into docs/performance.md between its markers.
 *
 * <p>Series (default: all): {@code a} spec → object over Wine's corpus in one JVM (JMH), {@code c} a whole
 * DLL from sources in one JVM (JMH), and the whole-process series of {@link ProcessSeries}: {@code cli},
 * {@code spec}, {@code batch}, {@code project}. {@code --quick} runs fewer repetitions (a smoke run).
 */
public final class BenchmarkRunner {

    static final List<String> SERIES = List.of("a", "c", "cli", "spec", "batch", "project");
    static final String BEGIN = "<!-- benchmark-table:begin -->";
    static final String END = "<!-- benchmark-table:end -->";

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = false;
        boolean updateDocs = false;
        List<String> selected = new ArrayList<>();
        int[] projectSizes = {1, 50, 500};
        for (String a : args) {
            switch (a) {
                case "--quick" -> quick = true;
                case "--update-docs" -> updateDocs = true;
                case "b" -> selected.add("cli");
                case "d" -> selected.add("project");
                default -> {
                    if (a.startsWith("--projects=")) {
                        projectSizes = java.util.Arrays.stream(a.substring("--projects=".length()).split(","))
                                .mapToInt(Integer::parseInt).toArray();
                    } else if (SERIES.contains(a)) {
                        selected.add(a);
                    } else {
                        System.err.println("usage: BenchmarkRunner [" + String.join("] [", SERIES)
                                + "] [--quick] [--projects=1,50,500] [--update-docs]");
                        System.exit(2);
                    }
                }
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(SERIES);
        }
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        List<ProcessSeries.Row> rows = new ArrayList<>();
        if (selected.contains("a") || selected.contains("c")) {
            rows.addAll(jmh(selected, quick));
        }
        Path work = Files.createTempDirectory("winebuild-j-bench");
        ProcessSeries.Repetitions reps = quick ? ProcessSeries.Repetitions.QUICK : ProcessSeries.Repetitions.FULL;
        ProcessSeries series = new ProcessSeries(work, reps);
        try {
            if (selected.contains("cli")) {
                series.cli();
            }
            if (selected.contains("spec")) {
                series.specSizes();
            }
            if (selected.contains("batch")) {
                series.batch(SpecToObjectBenchmark.corpus(BenchEnvironment.wineSource()));
            }
            if (selected.contains("project")) {
                series.projects(projectSizes);
            }
        } finally {
            BenchEnvironment.deleteTree(work);
        }
        rows.addAll(series.rows());
        long minutes = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String table = document(rows, quick, reps, String.format(Locale.ROOT, "%d min %02d s", minutes / 60,
                minutes % 60), loadBefore + " → " + loadAverage());
        System.out.println();
        System.out.println(table);
        Path out = BenchEnvironment.root().resolve("benchmarks/target/benchmark-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("written to " + out);
        if (updateDocs) {
            Path docs = BenchEnvironment.root().resolve("docs/performance.md");
            String text = Files.readString(docs, StandardCharsets.UTF_8);
            int b = text.indexOf(BEGIN);
            int e = text.indexOf(END);
            if (b < 0 || e < b) {
                System.err.println(docs + " has no " + BEGIN + " ... " + END + " section: not updated");
                System.exit(1);
            }
            Files.writeString(docs, text.substring(0, b + BEGIN.length()) + "\n" + table + text.substring(e),
                    StandardCharsets.UTF_8);
            System.out.println("and into " + docs);
        }
    }

    /** The in-process series (a) and (c), with JMH. */
    private static List<ProcessSeries.Row> jmh(List<String> selected, boolean quick) throws RunnerException,
            IOException {
        Path peaks = Files.createTempDirectory("bench-peaks");
        ChainedOptionsBuilder options = new OptionsBuilder().shouldFailOnError(true);
        if (selected.contains("a")) {
            options.include(SpecToObjectBenchmark.class.getName() + "\\.");
        }
        if (selected.contains("c")) {
            options.include(DllBuildBenchmark.class.getName() + "\\.");
        }
        List<String> jvmArgs = new ArrayList<>();
        for (String property : List.of(BenchEnvironment.ROOT, BenchEnvironment.WINE_SOURCE,
                BenchEnvironment.MAVEN_HOME, BenchEnvironment.REPOSITORY_TAIL)) {
            String value = System.getProperty(property);
            if (value != null) {
                jvmArgs.add("-D" + property + "=" + value);
            }
        }
        jvmArgs.add("-D" + PeakMemory.DIRECTORY + "=" + peaks);
        options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (quick) {
            options.warmupIterations(1).measurementIterations(3);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            String name = r.getParams().getBenchmark();
            figures.put(name, new Figure(stats.getPercentile(50), PeakMemory.read(peaks, name), (int) stats.getN()));
        }
        BenchEnvironment.deleteTree(peaks);
        List<ProcessSeries.Row> rows = new ArrayList<>();
        String a = SpecToObjectBenchmark.class.getName();
        if (figures.containsKey(a + ".winebuildJ") && figures.containsKey(a + ".winebuildAndAs")) {
            rows.add(new ProcessSeries.Row("library: spec → object in one JVM", "Wine's DLL spec corpus ("
                    + SpecToObjectBenchmark.corpus(BenchEnvironment.wineSource()).size() + " specs)",
                    figures.get(a + ".winebuildJ"), "winebuild + as, one call per spec", figures.get(a
                            + ".winebuildAndAs"), "peak memory of winebuild: its largest spec"));
        }
        String c = DllBuildBenchmark.class.getName();
        if (figures.containsKey(c + ".winebuildJ") && figures.containsKey(c + ".winegcc")) {
            rows.add(new ProcessSeries.Row("library: whole DLL from sources in one JVM", "examples/hello",
                    figures.get(c + ".winebuildJ"), "winegcc", figures.get(c + ".winegcc"), ""));
        }
        return rows;
    }

    static String document(List<ProcessSeries.Row> rows, boolean quick, ProcessSeries.Repetitions reps,
            String duration, String load) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'"))).append(", commit ").append(commit()).append(quick ? " (`--quick` run)" : "")
                .append(", in ").append(duration).append(".\n");
        b.append("Machine: ").append(machine()).append("; load average ").append(load).append(".\n");
        b.append("Tools: ").append(tools()).append(".\n");
        b.append("Times are medians (runs: ").append(quick ? "a `--quick` run" : reps.describe())
                .append("; in-process series: JMH single-shot iterations after warm-up); each winebuild-j run"
                        + " follows its reference's run in the same repetition. Peak memory is the peak resident"
                        + " set of the largest process (GNU time `%M`; for the in-process series the JVM's VmHWM).\n\n");
        b.append("| series | case | winebuild-j | peak memory | reference | reference time | peak memory |"
                + " winebuild-j vs reference | note |\n");
        b.append("| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |\n");
        for (ProcessSeries.Row r : rows) {
            b.append("| ").append(r.series()).append(" | ").append(r.item()).append(" | ").append(r.ours().time())
                    .append(" | ").append(r.ours().memory()).append(" | ").append(r.reference()).append(" | ")
                    .append(r.ref().time()).append(" | ").append(r.ref().memory()).append(" | ")
                    .append(r.ours().ratioTo(r.ref())).append(" | ").append(r.note()).append(" |\n");
        }
        return b.toString();
    }

    private static String commit() {
        String head = firstLine(List.of("git", "rev-parse", "--short=10", "HEAD"));
        String status = output(List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return (head.isEmpty() ? "unknown" : head) + (status.isBlank() ? "" : " with uncommitted changes");
    }

    private static String tools() {
        String winebuild = firstLine(List.of(BenchEnvironment.winebuild().toString(), "--version"));
        String gcc = firstLine(List.of("gcc", "-dumpfullversion"));
        String make = firstLine(List.of("make", "--version"));
        String mvn = firstLine(List.of(BenchEnvironment.maven().toString(), "--version"))
                .replaceAll("\u001b\\[[0-9;]*m", "");
        return String.join(", ", winebuild, "gcc " + gcc, make, mvn.replaceFirst(" \\(.*", ""),
                "runner Java " + System.getProperty("java.version"));
    }

    private static String firstLine(List<String> command) {
        return output(command).lines().findFirst().orElse("").strip();
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(BenchEnvironment.root().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // keep what was found
        }
        return Runtime.getRuntime().availableProcessors() + " × " + cpu + ", " + Math.round(memKb / 1048576.0)
                + " GB RAM, Linux " + System.getProperty("os.version");
    }
}
