package dev.winelib.toolchain.wintest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;

/**
 * Proves a module under Wine: builds each Windows test program against the module's import
 * library, runs it under Wine next to the module in a reused prefix, and writes a Surefire report
 * per program. A program passes when it exits with 0 within its time.
 */
public final class WindowsTests {

    /**
     * How long creating the prefix may take at least (it usually takes about ten seconds); a longer
     * time one program may run bounds it instead (where Wine's 32-bit parts run emulated, the
     * prefix takes many minutes).
     */
    public static final Duration PREFIX_TIMEOUT = Duration.ofSeconds(300);

    /**
     * What to run.
     *
     * @param programs the test programs
     * @param module the module ({@code NAME.dll}), copied next to the programs
     * @param unixLibraryDirectory for a unixlib module, the directory with {@code NAME.dll} and its
     *     {@code NAME.so}, given to Wine as {@code WINEDLLPATH} so it loads the module as a builtin with
     *     its Unix half
     * @param compiler builds the programs
     * @param session the Wine and prefix they run in
     * @param timeout how long one program may run
     * @param runDirectory where the programs are built and run (their output files stay there)
     * @param reportsDirectory where the reports go
     */
    public record Request(List<WindowsTestProgram> programs, Path module, Optional<Path> unixLibraryDirectory,
            TestProgramCompiler compiler, WineSession session, Duration timeout, Path runDirectory,
            Path reportsDirectory) {
        public Request {
            programs = List.copyOf(programs);
        }
    }

    private WindowsTests() {
    }

    /** Builds and runs every program; returns their outcomes in program order. */
    public static List<TestOutcome> run(Request request, BuildLog log) throws IOException, InterruptedException,
            BuildFailure {
        Path dir = request.runDirectory().toAbsolutePath();
        List<Path> executables = new ArrayList<>();
        for (WindowsTestProgram program : request.programs()) {
            executables.add(request.compiler().compile(program, dir, log));
        }
        AtomicFiles.writeIfChanged(dir.resolve(request.module().getFileName()), Files.readAllBytes(request.module()));
        WinePrefix.ensure(request.session(), request.timeout().compareTo(PREFIX_TIMEOUT) > 0 ? request.timeout()
                : PREFIX_TIMEOUT, log);
        Map<String, String> environment = request.unixLibraryDirectory()
                .map(d -> Map.of("WINEDLLPATH", d.toAbsolutePath().toString())).orElse(Map.of());
        List<TestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < executables.size(); i++) {
            WindowsTestProgram program = request.programs().get(i);
            log.info("running the Windows test program " + program.name() + " under Wine");
            WineSession.Run run = request.session().run(dir, List.of(executables.get(i).getFileName().toString()),
                    environment, dir.resolve(program.name()), request.timeout());
            TestOutcome outcome = new TestOutcome(program.name(), run.exitCode(), run.timedOut(), request.timeout(),
                    run.stdout(), run.stderr(), run.elapsed());
            SurefireReport.write(request.reportsDirectory(), outcome);
            String time = String.format(Locale.ROOT, "%.1f s", run.elapsed().toMillis() / 1000.0);
            if (outcome.passed()) {
                log.info("Windows test program " + program.name() + " passed (" + time + ")");
            } else {
                log.warn("Windows test program " + program.name() + " FAILED: " + outcome.reason() + " (" + time
                        + ")");
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * The build failure for the failed outcomes: each program's name, how it failed and the end of
     * its output; empty when all passed.
     */
    public static Optional<String> failureMessage(List<TestOutcome> outcomes, Path reportsDirectory) {
        List<TestOutcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        b.append(failed.size()).append(" of ").append(outcomes.size()).append(" Windows test programs failed under Wine:");
        for (TestOutcome o : failed) {
            b.append("\n").append(o.name()).append(": ").append(o.reason());
            String tail = o.outputTail();
            if (!tail.isBlank()) {
                b.append(", output:\n  ").append(tail.replace("\n", "\n  "));
            } else {
                b.append(", no output");
            }
        }
        b.append("\nReports: ").append(reportsDirectory);
        return Optional.of(b.toString());
    }
}
