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

/**
 * Proves the module under Wine: every {@code .c}/{@code .cpp} file of {@code src/test/windows} (and
 * every subdirectory there) is a Windows test program, compiled with MinGW-w64 against the module's
 * import library and run under Wine next to the module, in a Wine prefix made once and reused. A
 * program passes when it exits with 0 within {@code testTimeout}. Each gets a Surefire report in
 * {@code target/winelib-reports}; a failure fails the build, naming the program, its exit code and
 * the end of its output. The {@code winelib} and {@code unixlib} packagings run this goal in the
 * {@code integration-test} phase, so {@code mvn verify} runs it.
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
            Path gcc = tools.require(testCompiler, ToolLocator.debianPackageOfCompiler(testCompiler),
                    "to build the Windows test programs in " + testSourceDirectory);
            Path gxx = programs.stream().anyMatch(WindowsTestProgram::cxx)
                    ? tools.require(testCxxCompiler, "g++-mingw-w64-x86-64", "to build the Windows test programs"
                            + " with C++ sources in " + testSourceDirectory)
                    : gcc;
            WineCommand wineCommand = WineCommand.find(Optional.ofNullable(wine),
                    Optional.ofNullable(System.getenv("WINE")), tools);
            Path module = module();
            List<Path> includes = new ArrayList<>();
            if (includeDirectory != null && includeDirectory.isDirectory()) {
                includes.add(includeDirectory.toPath());
            }
            TestProgramCompiler compiler = new TestProgramCompiler(gcc, gxx, ProjectLayout.splitFlags(testCflags),
                    includes, importLibrary(), testLibraries);
            WindowsTests.Request request = new WindowsTests.Request(programs, module,
                    "unixlib".equals(project.getPackaging()) ? Optional.of(module.getParent()) : Optional.empty(),
                    compiler, new WineSession(wineCommand, winePrefix.toPath(), tools),
                    Duration.ofSeconds(testTimeout), testDirectory.toPath(), reportsDirectory.toPath());
            List<TestOutcome> outcomes = WindowsTests.run(request, new MavenBuildLog(getLog()));
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

    /** The module the package phase built: the project's artifact. */
    private Path module() throws MojoFailureException {
        File file = project.getArtifact().getFile();
        if (file == null || !file.isFile()) {
            throw new MojoFailureException("the Windows test programs need the module, which this build has not"
                    + " made: run them with mvn verify (the test goal runs after package)");
        }
        return file.toPath();
    }

    /** The import library the build goal attached. */
    private Path importLibrary() throws MojoFailureException {
        for (Artifact a : project.getAttachedArtifacts()) {
            if (ModuleBuildMojo.WINDOWS_CLASSIFIER.equals(a.getClassifier())
                    && ModuleBuildMojo.WINDOWS_LIBRARY_TYPE.equals(a.getType()) && a.getFile() != null) {
                return a.getFile().toPath();
            }
        }
        throw new MojoFailureException("the Windows test programs link against the module's import library, which"
                + " this build has not made: set importLibrary to true (it is the default)");
    }
}
