package dev.winelib.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The series measured as whole processes (start-up included), each winebuild-j run right after its
 * reference's run in the same repetition, so that both see the same load:
 * <ul>
 * <li>{@code cli}: one small spec (examples/hello's) from the command line under each installed JDK,
 *     against winebuild;</li>
 * <li>{@code spec}: specs of 10, 1,000, 10,000 and 65,000 exports from the command line, against winebuild;</li>
 * <li>{@code batch}: Wine's DLL spec corpus through {@code winebuild-j batch}, against a shell loop of
 *     winebuild;</li>
 * <li>{@code project}: generated projects of 1, 50 and 500 C files ({@link GeneratedProject}): clean build,
 *     one file changed, no-op, {@code mvn package} against winegcc + {@code make -j2}; the no-op rows also
 *     give the plugin's own share (from its first log line to the end of the build, in Maven's log).</li>
 * </ul>
 */
final class ProcessSeries {

    /** One line of the results table. */
    record Row(String series, String item, Figure ours, String reference, Figure ref, String note) {
    }

    /** Repetition counts, lowered by {@code --quick}. */
    record Repetitions(int cli, int smallSpec, int largeSpec, int batch, int smallProject, int mediumProject,
            int largeProjectClean, int largeProject) {

        static final Repetitions FULL = new Repetitions(10, 5, 7, 2, 5, 5, 1, 5);
        static final Repetitions QUICK = new Repetitions(3, 2, 1, 1, 2, 1, 1, 1);

        String describe() {
            return "CLI " + cli + " runs per JDK; specs of 10 and 1k exports " + smallSpec + ", of 10k and 65k "
                    + largeSpec + "; batch " + batch + "; projects of 1 file " + smallProject + " per case, of 50 files "
                    + mediumProject + ", of 500 files " + largeProjectClean + " clean and " + largeProject
                    + " for one changed file and no-op";
        }
    }

    private final Path work;
    private final Repetitions reps;
    private final Path launcher;
    private final Path winebuild;
    private final List<Row> rows = new ArrayList<>();

    ProcessSeries(Path work, Repetitions reps) {
        this.work = work;
        this.reps = reps;
        this.launcher = BenchEnvironment.root().resolve("bin/winebuild-j");
        this.winebuild = BenchEnvironment.winebuild();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Runs {@code ours} and {@code reference} alternately, after {@code warmups} unmeasured runs of each. */
    private static Figure[] pair(int warmups, int runs, Supplier<TimedCommand.Sample> ours,
            Supplier<TimedCommand.Sample> reference) {
        for (int i = 0; i < warmups; i++) {
            reference.get();
            ours.get();
        }
        List<TimedCommand.Sample> a = new ArrayList<>();
        List<TimedCommand.Sample> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            b.add(reference.get());
            a.add(ours.get());
        }
        return new Figure[] {Figure.of(a), Figure.of(b)};
    }

    private void log(String what) {
        System.out.println("== " + what);
        System.out.flush();
    }

    // --- cli ---------------------------------------------------------------------------------------------

    void cli() throws IOException {
        Path dir = Files.createDirectories(work.resolve("cli"));
        Path spec = Files.copy(BenchEnvironment.root().resolve("examples/hello/src/main/spec/hello.spec"),
                dir.resolve("hello.spec"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (Map.Entry<String, Path> jdk : jdks().entrySet()) {
            log("cli: one small spec, " + jdk.getKey());
            Map<String, String> env = Map.of("JAVA", jdk.getValue().resolve("bin/java").toString());
            Figure[] f = pair(2, reps.cli(),
                    () -> TimedCommand.run(dir, env, List.of(launcher.toString(), "--dll", "-E", spec.toString(), "-o",
                            dir.resolve("ours.spec.o").toString())),
                    () -> TimedCommand.run(dir, List.of(winebuild.toString(), "--dll", "-m64", "-E", spec.toString(),
                            "-o", dir.resolve("winebuild.spec.o").toString())));
            rows.add(new Row("CLI: one small spec (hello.spec → .o)", jdk.getKey(), f[0], "winebuild", f[1], ""));
        }
    }

    /** The installed JDKs (17 or newer), by name and version: each Java home under /usr/lib/jvm once. */
    static Map<String, Path> jdks() throws IOException {
        Map<Path, String> byHome = new LinkedHashMap<>();
        Path jvm = Path.of(System.getProperty("bench.jvmDirectory", "/usr/lib/jvm"));
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> homes = Files.list(jvm)) {
                for (Path home : homes.sorted().toList()) {
                    Path release = home.resolve("release");
                    if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
                        continue;
                    }
                    Map<String, String> r = new LinkedHashMap<>();
                    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            r.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                        }
                    }
                    String version = r.getOrDefault("JAVA_VERSION", "");
                    int major = parseMajor(version);
                    if (major >= 17) {
                        byHome.putIfAbsent(home.toRealPath(), r.getOrDefault("IMPLEMENTOR", "JDK") + " " + version);
                    }
                }
            }
        }
        Map<String, Path> result = new LinkedHashMap<>();
        byHome.forEach((home, name) -> result.putIfAbsent(name, home));
        if (result.isEmpty()) {
            result.put("java " + System.getProperty("java.version"), Path.of(System.getProperty("java.home")));
        }
        return result;
    }

    private static int parseMajor(String version) {
        Matcher m = Pattern.compile("^(\\d+)").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    // --- spec sizes --------------------------------------------------------------------------------------

    void specSizes() throws IOException {
        Path dir = Files.createDirectories(work.resolve("spec-sizes"));
        for (int exports : new int[] {10, 1_000, 10_000, 65_000}) {
            log("spec: " + exports + " exports");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < exports; i++) {
                text.append("@ stdcall f").append(i).append("(long ptr)\n");
            }
            Path spec = Files.writeString(dir.resolve("exports" + exports + ".spec"), text, StandardCharsets.UTF_8);
            int runs = exports <= 1_000 ? reps.smallSpec() : reps.largeSpec();
            Figure[] f = pair(exports <= 1_000 ? 1 : 0, runs,
                    () -> TimedCommand.run(dir, List.of(launcher.toString(), "--dll", "-E", spec.toString(), "-o",
                            dir.resolve("ours.spec.o").toString())),
                    () -> TimedCommand.run(dir, List.of(winebuild.toString(), "--dll", "-m64", "-E", spec.toString(),
                            "-o", dir.resolve("winebuild.spec.o").toString())));
            rows.add(new Row("spec size, from the command line (→ .o)", String.format(java.util.Locale.ROOT,
                    "%,d exports", exports), f[0], "winebuild", f[1], ""));
        }
    }

    // --- batch -------------------------------------------------------------------------------------------

    void batch(List<Path> corpus) throws IOException {
        log("batch: " + corpus.size() + " specs of Wine's corpus");
        Path dir = Files.createDirectories(work.resolve("batch"));
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("winebuild");
        StringBuilder lines = new StringBuilder();
        StringBuilder loop = new StringBuilder("set -e\n");
        for (Path spec : corpus) {
            String name = spec.getParent().getFileName() + "-" + spec.getFileName().toString().replaceFirst("\\.spec$",
                    "");
            lines.append("--dll -E '").append(spec).append("' -o '").append(ours.resolve(name + ".spec.o"))
                    .append("'\n");
            loop.append(winebuild).append(" --dll -m64 -E '").append(spec).append("' -o '")
                    .append(theirs.resolve(name + ".spec.o")).append("'\n");
        }
        Path batchFile = Files.writeString(dir.resolve("specs.txt"), lines, StandardCharsets.UTF_8);
        Path loopFile = Files.writeString(dir.resolve("loop.sh"), loop, StandardCharsets.UTF_8);
        Figure[] f = pair(0, reps.batch(), () -> {
            fresh(ours);
            return TimedCommand.run(dir, List.of(launcher.toString(), "batch", batchFile.toString()));
        }, () -> {
            fresh(theirs);
            return TimedCommand.run(dir, List.of("bash", loopFile.toString()));
        });
        rows.add(new Row("batch: Wine's DLL spec corpus (→ .o)", corpus.size() + " specs, `winebuild-j batch`", f[0],
                "winebuild, one call per spec (shell loop)", f[1], ""));
    }

    private static void fresh(Path dir) {
        BenchEnvironment.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // --- projects ----------------------------------------------------------------------------------------

    void projects(int[] sizes) throws IOException {
        Path winegcc = BenchEnvironment.winegcc();
        for (int files : sizes) {
            GeneratedProject project = GeneratedProject.write(work.resolve("project-" + files), files, winegcc);
            Path dir = project.directory();
            int runs = files <= 1 ? reps.smallProject() : files <= 50 ? reps.mediumProject() : reps.largeProject();
            int cleanRuns = files <= 50 ? runs : reps.largeProjectClean();
            String item = files + (files == 1 ? " C file" : " C files");

            log("project: " + item + ", clean build");
            List<TimedCommand.Sample> plugin = new ArrayList<>();
            Figure[] clean = pair(files <= 1 ? 1 : 0, cleanRuns, () -> {
                BenchEnvironment.deleteTree(dir.resolve("target"));
                return mavenPackage(dir);
            }, () -> {
                BenchEnvironment.deleteTree(dir.resolve("obj"));
                BenchEnvironment.deleteTree(dir.resolve(GeneratedProject.NAME + ".dll.so"));
                return TimedCommand.run(dir, List.of("make", "-s", "-j2"));
            });
            rows.add(new Row("project: clean build", item, clean[0], "winegcc + `make -j2`", clean[1], ""));

            log("project: " + item + ", one file changed");
            int[] revision = {0};
            Figure[] changed = pair(0, runs, () -> mavenPackage(dir), () -> {
                try {
                    project.changeOneSource(++revision[0]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return TimedCommand.run(dir, List.of("make", "-s", "-j2"));
            });
            rows.add(new Row("project: one file changed", item, changed[0], "winegcc + `make -j2`", changed[1], ""));

            log("project: " + item + ", no-op");
            Figure[] noop = pair(0, runs, () -> {
                TimedCommand.Sample s = mavenPackage(dir);
                plugin.add(s);
                return s;
            }, () -> TimedCommand.run(dir, List.of("make", "-s", "-j2")));
            double[] shares = plugin.stream().map(s -> pluginShare(s.output())).filter(Optional::isPresent)
                    .mapToDouble(Optional::get).toArray();
            String note = shares.length == 0 ? "" : "plugin's own share " + new Figure(Figure.median(shares), 0,
                    shares.length).time();
            rows.add(new Row("project: no-op", item, noop[0], "`make -j2`", noop[1], note));
        }
    }

    /**
     * {@code mvn -o package} of a generated project, with Maven's log timed to the millisecond, and the
     * words of {@code $BENCH_PROJECT_MAVEN_ARGS} (such as {@code -Dwinelib.precompiledHeaders=false}).
     */
    private static TimedCommand.Sample mavenPackage(Path dir) {
        List<String> command = new java.util.ArrayList<>(List.of(
                BenchEnvironment.maven().toString(), "-o", "-B",
                "-Dmaven.repo.local=" + BenchEnvironment.stagedRepository(),
                "-Dmaven.repo.local.tail=" + BenchEnvironment.repositoryTail(),
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        String extra = System.getenv("BENCH_PROJECT_MAVEN_ARGS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.add("package");
        return TimedCommand.run(dir, Map.of("MAVEN_ARGS", "", "MAVEN_OPTS", ""), command);
    }

    private static final Pattern LOG_LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) \\[\\w+\\] (.*)$");

    /**
     * The plugin's own share of a build, from Maven's log: from the line that starts the plugin's goal
     * ({@code --- winelib:...:build}) to the first line after its output (Maven's closing rule), which
     * covers loading and configuring the plugin and its whole execution.
     */
    static Optional<Double> pluginShare(String log) {
        LocalTime start = null;
        LocalTime end = null;
        for (String line : log.lines().toList()) {
            Matcher m = LOG_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            LocalTime t;
            try {
                t = LocalTime.parse(m.group(1));
            } catch (DateTimeParseException e) {
                continue;
            }
            String text = m.group(2);
            if (start == null && text.startsWith("--- winelib:") && text.contains(":build ")) {
                start = t;
            } else if (start != null && text.startsWith("-----")) {
                end = t;
                break;
            }
        }
        if (start == null || end == null) {
            return Optional.empty();
        }
        long nanos = end.toNanoOfDay() - start.toNanoOfDay();
        if (nanos < 0) {
            nanos += 24L * 3600 * 1_000_000_000L; // across midnight
        }
        return Optional.of(nanos / 1e6);
    }
}
