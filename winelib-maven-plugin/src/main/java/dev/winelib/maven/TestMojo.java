package dev.winelib.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.ProjectLayout;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;
import dev.winelib.toolchain.wintest.TestOutcome;
import dev.winelib.toolchain.wintest.TestProgramCompiler;
import dev.winelib.toolchain.wintest.WineCommand;
import dev.winelib.toolchain.wintest.WineSession;
import dev.winelib.toolchain.wintest.WindowsTestProgram;
import dev.winelib.toolchain.wintest.WindowsTests;
import dev.winelib.unixlib.PeArchitecture;

/**
 * Proves the module under Wine: every {@code .c}/{@code .cpp} file of {@code src/test/windows} (and
 * every subdirectory there) is a Windows test program, compiled with MinGW-w64 against the module's
 * import library and run under Wine next to the module, in a Wine prefix made once and reused. A
 * program passes when it exits with 0 within {@code testTimeout}. Each gets a Surefire report in
 * {@code target/winelib-reports}; a failure fails the build, naming the program, its exit code and
 * the end of its output. The {@code winelib} and {@code unixlib} packagings run this goal in the
 * {@code integration-test} phase, so {@code mvn verify} runs it.
 *
 * <p>A module built for 32-bit Windows programs too (a unixlib module's {@code architectures}
 * naming {@code i686}, a winelib module's {@code architecture} {@code i386}) gets its
 * programs built for each of its architectures, with {@code i686-w64-mingw32-gcc} against that
 * architecture's import library, and run next to that architecture's DLL; their names (and
 * reports) carry the architecture: {@code NAME-x86_64}, {@code NAME-i686}. Wine's 64-bit loader
 * hands a 32-bit program to its 32-bit loader by itself.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public final class TestMojo extends AbstractMojo {

    /** The C compiler driver of the Windows test programs (it links them too). */
    static final String MINGW_GCC = "x86_64-w64-mingw32-gcc";
    /** The C++ compiler driver, for programs with C++ sources. */
    static final String MINGW_GXX = "x86_64-w64-mingw32-g++";

    /** The Maven project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true) private MavenProject project;

    /**
     * Directory of the Windows test programs: each {@code .c} or {@code .cpp} file in it is one
     * program, and each subdirectory is one program made of its C and C++ files.
     */
    @Parameter(property = "winelib.testSourceDirectory", defaultValue = "${project.basedir}/src/test/windows")
    private File testSourceDirectory;

    /** How long one test program may run, in seconds, before it is killed and fails. */
    @Parameter(property = "winelib.testTimeout", defaultValue = "60") private int testTimeout;

    /**
     * The Wine that runs the programs: a name on the PATH or a path. By default {@code $WINE}, else
     * {@code wine64} or {@code wine} on the PATH, else {@code /usr/lib/wine/wine64}.
     */
    @Parameter(property = "winelib.wine") private String wine;

    /**
     * The Wine prefix the programs run in, made on first use (about ten seconds) and reused. A prefix
     * that already exists is used as it is.
     */
    @Parameter(property = "winelib.winePrefix", defaultValue = "${project.build.directory}/wineprefix")
    private File winePrefix;

    /** The C compiler driver of the test programs. */
    @Parameter(property = "winelib.testCompiler", defaultValue = MINGW_GCC) private String testCompiler;

    /** The C++ compiler driver of test programs with C++ sources. */
    @Parameter(property = "winelib.testCxxCompiler", defaultValue = MINGW_GXX) private String testCxxCompiler;

    /** Extra compiler and linker flags of the test programs, separated by spaces (e.g. {@code -O2 -Wall}). */
    @Parameter(property = "winelib.testCflags") private String testCflags;

    /** Further Windows libraries of the test programs, by name as for {@code -l} (e.g. {@code user32}). */
    @Parameter(property = "winelib.testLibraries") private List<String> testLibraries = new ArrayList<>();

    /** Include directory of the module's headers, given to the test programs too (when it exists). */
    @Parameter(property = "winelib.includeDirectory", defaultValue = "${project.basedir}/src/main/include")
    private File includeDirectory;

    /** Where the test programs are built and run; their output stays there ({@code NAME.stdout}, {@code NAME.stderr}). */
    @Parameter(property = "winelib.testDirectory", defaultValue = "${project.build.directory}/winelib-tests")
    private File testDirectory;

    /** Where the Surefire-format reports {@code TEST-NAME.xml} go. */
    @Parameter(property = "winelib.reportsDirectory", defaultValue = "${project.build.directory}/winelib-reports")
    private File reportsDirectory;

    /**
     * A unixlib module's PE architectures, as its build goal has them ({@code x86_64}, {@code i686}):
     * the programs are built and run for each.
     */
    @Parameter(property = "winelib.architectures", defaultValue = "x86_64")
    private List<String> architectures = new ArrayList<>();

    /** A winelib module's architecture, as its build goal has it ({@code x86_64} or {@code i386}). */
    @Parameter(property = "winelib.architecture", defaultValue = "x86_64") private String architecture;

    /** Skip the Windows test programs (as {@code -DskipTests} does for all tests). */
    @Parameter(property = "winelib.test.skip", defaultValue = "false") private boolean testSkip;

    /** Maven's {@code -DskipTests}: skip running tests. */
    @Parameter(property = "skipTests", defaultValue = "false") private boolean skipTests;

    /** Maven's {@code -Dmaven.test.skip=true}: skip compiling and running tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false") private boolean mavenTestSkip;

    /** Report failed programs without failing the build (Maven's {@code maven.test.failure.ignore}). */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false") private boolean testFailureIgnore;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (testSkip || skipTests || mavenTestSkip) {
            getLog().info("Windows test programs skipped");
            return;
        }
        try {
            List<WindowsTestProgram> programs = WindowsTestProgram.find(testSourceDirectory.toPath());
            if (programs.isEmpty()) {
                getLog().info("No Windows test programs in " + testSourceDirectory);
                return;
            }
            if (testTimeout <= 0) {
                throw new MojoFailureException("testTimeout must be a positive number of seconds, not " + testTimeout);
            }
            ToolLocator tools = ToolLocator.fromEnvironment();
            List<PeArchitecture> targets = moduleArchitectures();
            boolean labelled = !targets.equals(List.of(PeArchitecture.X86_64));
            WineCommand wineCommand = WineCommand.find(Optional.ofNullable(wine),
                    Optional.ofNullable(System.getenv("WINE")), tools);
            List<Path> includes = new ArrayList<>();
            if (includeDirectory != null && includeDirectory.isDirectory()) {
                includes.add(includeDirectory.toPath());
            }
            List<TestOutcome> outcomes = new ArrayList<>();
            for (PeArchitecture target : targets) {
                outcomes.addAll(runFor(target, labelled, programs, tools, wineCommand, includes));
            }
            long failed = outcomes.stream().filter(o -> !o.passed()).count();
            getLog().info("Windows test programs: " + outcomes.size() + " run, " + failed + " failed");
            Optional<String> failure = WindowsTests.failureMessage(outcomes, reportsDirectory.toPath());
            if (failure.isPresent()) {
                if (testFailureIgnore) {
                    getLog().error(failure.get());
                } else {
                    throw new MojoFailureException(failure.get());
                }
            }
        } catch (BuildFailure | ToolNotFoundException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoFailureException("I/O error while running the Windows test programs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
    }

    /** Builds and runs the programs for one architecture of the module. */
    private List<TestOutcome> runFor(PeArchitecture target, boolean labelled, List<WindowsTestProgram> programs,
            ToolLocator tools, WineCommand wineCommand, List<Path> includes) throws MojoFailureException,
            ToolNotFoundException, BuildFailure, IOException, InterruptedException {
        String cCompiler = target.tool(testCompiler, PeArchitecture.X86_64);
        String cxxCompiler = target.tool(testCxxCompiler, PeArchitecture.X86_64);
        Path gcc = tools.require(cCompiler, ToolLocator.debianPackageOfCompiler(cCompiler),
                "to build the " + target.keyword() + " Windows test programs in " + testSourceDirectory);
        Path gxx = programs.stream().anyMatch(WindowsTestProgram::cxx)
                ? tools.require(cxxCompiler, "g++-mingw-w64-" + (target.is32Bit() ? "i686" : "x86-64"),
                        "to build the Windows test programs with C++ sources in " + testSourceDirectory)
                : gcc;
        Path module = module(target);
        TestProgramCompiler compiler = new TestProgramCompiler(gcc, gxx, ProjectLayout.splitFlags(testCflags),
                includes, importLibrary(target), ListParameter.entries(testLibraries));
        // in Wine's layout (ARCH-windows/NAME.dll) WINEDLLPATH names the directory above
        Path dllDirectory = module.getParent();
        if (dllDirectory.getFileName() != null
                && dllDirectory.getFileName().toString().equals(target.windowsDirectory())) {
            dllDirectory = dllDirectory.getParent();
        }
        WindowsTests.Request request = new WindowsTests.Request(
                labelled ? programs.stream().map(p -> p.forArchitecture(target.keyword())).toList() : programs,
                module, "unixlib".equals(project.getPackaging()) ? Optional.of(dllDirectory) : Optional.empty(),
                compiler, new WineSession(wineCommand, winePrefix.toPath(), tools),
                Duration.ofSeconds(testTimeout), labelled ? testDirectory.toPath().resolve(target.windowsDirectory())
                        : testDirectory.toPath(), reportsDirectory.toPath());
        return WindowsTests.run(request, new MavenBuildLog(getLog()));
    }

    /**
     * The architectures the module was built for: a unixlib module's {@code architectures}, a
     * winelib module's {@code architecture} ({@code i386} modules get {@code i686} programs).
     */
    private List<PeArchitecture> moduleArchitectures() throws MojoFailureException {
        try {
            if ("unixlib".equals(project.getPackaging())) {
                List<PeArchitecture> list = PeArchitecture.of(ListParameter.entries(architectures));
                return list.isEmpty() ? List.of(PeArchitecture.X86_64) : list;
            }
            return List.of(PeArchitecture.ofWinelibArchitecture(architecture));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(("unixlib".equals(project.getPackaging()) ? "architectures: "
                    : "architecture: ") + e.getMessage(), e);
        }
    }

    /**
     * The module the package phase built for {@code target}: the project's artifact for the first
     * architecture, the DLL attached with the architecture's directory name as classifier for another.
     */
    private Path module(PeArchitecture target) throws MojoFailureException {
        for (Artifact a : project.getAttachedArtifacts()) {
            if (target.windowsDirectory().equals(a.getClassifier()) && UnixlibMojo.DLL_TYPE.equals(a.getType())
                    && a.getFile() != null && a.getFile().isFile()) {
                return a.getFile().toPath();
            }
        }
        File file = project.getArtifact().getFile();
        if (file == null || !file.isFile()) {
            throw new MojoFailureException("the Windows test programs need the module, which this build has not"
                    + " made: run them with mvn verify (the test goal runs after package)");
        }
        return file.toPath();
    }

    /** The import library the build goal attached for {@code target}. */
    private Path importLibrary(PeArchitecture target) throws MojoFailureException {
        for (Artifact a : project.getAttachedArtifacts()) {
            if (target.windowsDirectory().equals(a.getClassifier())
                    && ModuleBuildMojo.WINDOWS_LIBRARY_TYPE.equals(a.getType()) && a.getFile() != null) {
                return a.getFile().toPath();
            }
        }
        throw new MojoFailureException("the " + target.keyword() + " Windows test programs link against the module's "
                + target.keyword() + " import library, which this build has not made: set importLibrary to true (it"
                + " is the default)");
    }
}
