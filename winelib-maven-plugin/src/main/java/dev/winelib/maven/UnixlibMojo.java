package dev.winelib.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.OutputTimestamp;
import dev.winelib.toolchain.ProjectLayout;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.unixlib.UnixlibBuildRequest;
import dev.winelib.unixlib.UnixlibBuildResult;
import dev.winelib.unixlib.UnixlibBuilder;
import dev.winelib.unixlib.UnixlibLayout;

/**
 * Builds the project's unixlib module: the PE DLL {@code NAME.dll} (C sources of
 * {@code src/main/pe} compiled with mingw, exports from the spec file, marked as a Wine builtin)
 * and its Unix library {@code NAME.so} (C sources of {@code src/main/unix} compiled and linked
 * against the sysroot), both from the calls declared in {@code src/main/spec/NAME.unixcalls}. The
 * DLL becomes the project's artifact; the Unix library is attached with classifier
 * {@code x86_64-unix} and type {@code so}. Unchanged inputs are not compiled or linked again.
 */
@Mojo(name = "unixlib", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class UnixlibMojo extends SysrootSupport {

    /** The classifier of the attached Unix library: Wine's directory name for x86_64 Unix libraries. */
    static final String UNIX_CLASSIFIER = "x86_64-unix";
    /** The type (and extension) of the attached Unix library. */
    static final String UNIX_TYPE = "so";

    /** The Maven project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    private final MavenProjectHelper projectHelper;

    /**
     * The DLL's exports: a Wine {@code .spec} file or a Windows {@code .def} file. By default the
     * single {@code .spec} or {@code .def} file in {@code src/main/spec}.
     */
    @Parameter(property = "winelib.specFile")
    private File specFile;

    /**
     * The calls from the PE half into the Unix half ({@code .unixcalls}). By default the single
     * {@code .unixcalls} file in {@code src/main/spec}.
     */
    @Parameter(property = "winelib.unixCallsFile")
    private File unixCallsFile;

    /** Directory whose {@code .c} files (recursively) make the PE half. */
    @Parameter(property = "winelib.peSourceDirectory", defaultValue = "${project.basedir}/src/main/pe")
    private File peSourceDirectory;

    /** Directory whose {@code .c} files (recursively) make the Unix half. */
    @Parameter(property = "winelib.unixSourceDirectory", defaultValue = "${project.basedir}/src/main/unix")
    private File unixSourceDirectory;

    /** Directory added to both halves' include path (when it exists). */
    @Parameter(property = "winelib.includeDirectory", defaultValue = "${project.basedir}/src/main/include")
    private File includeDirectory;

    /** Further include directories of both halves (as a property: comma-separated). */
    @Parameter(property = "winelib.includeDirectories")
    private List<File> includeDirectories = new ArrayList<>();

    /**
     * File name of the DLL, also the module name Wine sees; the Unix library is named after it
     * ({@code mylib.dll} goes with {@code mylib.so}). By default the spec file's name with
     * {@code .dll}. Lower case: Wine looks builtin modules up under lower-case names.
     */
    @Parameter(property = "winelib.outputFileName")
    private String outputFileName;

    /** Directory {@code NAME.dll} and {@code NAME.so} are written to. */
    @Parameter(property = "winelib.outputDirectory", defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /** Directory for objects, generated sources and up-to-date records. */
    @Parameter(property = "winelib.workDirectory", defaultValue = "${project.build.directory}/unixlib")
    private File workDirectory;

    /**
     * The time written into the DLL (PE TimeDateStamp of the file header and export directory) and
     * given to the compilers of both halves as {@code SOURCE_DATE_EPOCH}, for reproducible builds:
     * seconds since 1970 or an ISO-8601 date and time with offset. Unset (or one character), the
     * {@code SOURCE_DATE_EPOCH} environment variable is used; without either, no time is written
     * (the TimeDateStamps are 0).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * The Unix half's sysroot: {@code sniper} (the default: Debian 11, glibc 2.31, provisioned on
     * first use), {@code host}, a sysroot archive, an unpacked sysroot directory or Maven coordinates
     * of a sysroot archive (see the winelib packaging).
     */
    @Parameter(property = "winelib.sysroot", defaultValue = "sniper")
    private String sysroot;

    /** The sha256 the sysroot archive must have (64 hex digits); only for an archive. */
    @Parameter(property = "winelib.sysrootSha256")
    private String sysrootSha256;

    /** The Unix half's C compiler: {@code gcc}, {@code clang}, a versioned name, or a path. */
    @Parameter(property = "winelib.compiler", defaultValue = "gcc")
    private String compiler;

    /** The Unix half's linker: by default {@code ld.lld}, or the highest {@code ld.lld-NN} installed. */
    @Parameter(property = "winelib.linker")
    private String linker;

    /** Extra compiler flags of the Unix half, separated by spaces (quotes group words). */
    @Parameter(property = "winelib.cflags")
    private String cflags;

    /** Extra ld.lld flags of the Unix half, placed before the libraries. */
    @Parameter(property = "winelib.ldflags")
    private String ldflags;

    /** Extra libraries of the Unix half, by name as for {@code -l}. */
    @Parameter(property = "winelib.libraries")
    private List<String> libraries = new ArrayList<>();

    /**
     * The newest glibc symbol version the Unix library may need: {@code 2.31} (the Steam Runtime
     * 'sniper') by default; {@code none} allows any.
     */
    @Parameter(property = "winelib.glibcBaseline", defaultValue = "2.31")
    private String glibcBaseline;

    /** The PE half's compiler driver (it links too). */
    @Parameter(property = "winelib.peCompiler", defaultValue = "x86_64-w64-mingw32-gcc")
    private String peCompiler;

    /** mingw's dlltool, which makes the ntdll import library the PE half calls through. */
    @Parameter(property = "winelib.dlltool", defaultValue = "x86_64-w64-mingw32-dlltool")
    private String dlltool;

    /** Extra compiler flags of the PE half, separated by spaces. */
    @Parameter(property = "winelib.peCflags")
    private String peCflags;

    /** Extra link flags of the PE half, given to the compiler driver ({@code -Wl,...}). */
    @Parameter(property = "winelib.peLdflags")
    private String peLdflags;

    /** Windows import libraries of the PE half, by name as for {@code -l} (e.g. {@code user32}). */
    @Parameter(property = "winelib.peLibraries")
    private List<String> peLibraries = new ArrayList<>();

    /** Skip the build. */
    @Parameter(property = "winelib.skip", defaultValue = "false")
    private boolean skip;

    @Inject
    public UnixlibMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("unixlib build skipped (winelib.skip)");
            return;
        }
        try {
            Path specDirectory = project.getBasedir().toPath().resolve(ProjectLayout.SPEC_DIRECTORY);
            Path spec = specFile != null ? specFile.toPath() : ProjectLayout.findSpec(specDirectory);
            Path calls = unixCallsFile != null ? unixCallsFile.toPath() : UnixlibLayout.findUnixCalls(specDirectory);
            List<Path> includes = new ArrayList<>();
            if (includeDirectory != null && includeDirectory.isDirectory()) {
                includes.add(includeDirectory.toPath());
            }
            includeDirectories.forEach(d -> includes.add(d.toPath()));
            OutputTimestamp timestamp = OutputTimestampParameter.resolve(outputTimestamp).orElse(null);
            UnixlibBuildRequest request = UnixlibBuildRequest
                    .builder(spec, calls, outputDirectory.toPath(), workDirectory.toPath())
                    .moduleFileName(outputFileName)
                    .peSources(ProjectLayout.findSources(peSourceDirectory.toPath(), List.of(".c")),
                            peSourceDirectory.toPath())
                    .unixSources(ProjectLayout.findSources(unixSourceDirectory.toPath(), List.of(".c")),
                            unixSourceDirectory.toPath())
                    .includeDirectories(includes)
                    .sysroot(sysrootResolver().resolve(sysroot, java.util.Optional.ofNullable(sysrootSha256)))
                    .compiler(compiler)
                    .linker(linker)
                    .cflags(ProjectLayout.splitFlags(cflags))
                    .ldflags(ProjectLayout.splitFlags(ldflags))
                    .libraries(libraries)
                    .glibcBaseline(glibcBaseline)
                    .peCompiler(peCompiler)
                    .dlltool(dlltool)
                    .peCflags(ProjectLayout.splitFlags(peCflags))
                    .peLdflags(ProjectLayout.splitFlags(peLdflags))
                    .peLibraries(peLibraries)
                    .outputTimestamp(timestamp)
                    .baseDirectory(project.getBasedir().toPath())
                    .build();
            UnixlibBuildResult result = new UnixlibBuilder(ToolLocator.fromEnvironment(),
                    new MavenBuildLog(getLog())).build(request);
            getLog().info("unixlib DLL " + result.dll() + " (" + result.exports() + " exports"
                    + (result.linkedDll() ? "" : ", up to date") + ")");
            getLog().info("unixlib Unix library " + result.unixLibrary() + " (" + result.calls() + " calls"
                    + (result.linkedUnixLibrary() ? "" : ", up to date") + ")");
            project.getArtifact().setFile(result.dll().toFile());
            projectHelper.attachArtifact(project, UNIX_TYPE, UNIX_CLASSIFIER, result.unixLibrary().toFile());
        } catch (BuildFailure | SysrootException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
    }
}
