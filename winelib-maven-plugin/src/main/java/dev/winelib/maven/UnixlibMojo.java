package dev.winelib.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.BuildRecord;
import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.build.ProjectLayout;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.unixlib.PeArchitecture;
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
 * {@code x86_64-unix} and type {@code so}. With {@code architectures} naming {@code i686}, a
 * 32-bit PE half is built too, and the files go into Wine's layout ({@code x86_64-windows/},
 * {@code i386-windows/}, {@code x86_64-unix/}, {@code i386-unix/}); the first architecture's DLL
 * is the artifact, the others are attached with their directory names as classifiers
 * ({@code i386-windows}, type {@code dll}; {@code i386-unix}, type {@code so}). Unchanged inputs
 * are not compiled or linked again.
 */
@Mojo(name = "unixlib", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, configurator = GoalConfigurator.HINT)
public final class UnixlibMojo extends ModuleBuildMojo {

    /** The classifier of the attached Unix library: Wine's directory name for x86_64 Unix libraries. */
    static final String UNIX_CLASSIFIER = "x86_64-unix";
    /** The type (and extension) of the attached Unix library. */
    static final String UNIX_TYPE = "so";
    /** The type (and extension) of an attached DLL of another architecture. */
    static final String DLL_TYPE = "dll";

    /**
     * The architectures of the PE half: {@code x86_64} (64-bit Windows programs, the default) and
     * {@code i686} (32-bit ones, under WoW64: needs the {@code wow64} line in the
     * {@code .unixcalls} file). Anything but {@code x86_64} alone writes Wine's layout.
     */
    @Parameter(property = "winelib.architectures", defaultValue = "x86_64")
    private List<String> architectures = new ArrayList<>();

    /**
     * The calls from the PE half into the Unix half ({@code .unixcalls}). By default the single
     * {@code .unixcalls} file in {@code src/main/spec}.
     */
    @Parameter(property = "winelib.unixCallsFile") private File unixCallsFile;

    /** Directory whose {@code .c} files (recursively) make the PE half. */
    @Parameter(property = "winelib.peSourceDirectory", defaultValue = "${project.basedir}/src/main/pe")
    private File peSourceDirectory;

    /** Directory for objects, generated sources and up-to-date records. */
    @Parameter(property = "winelib.workDirectory", defaultValue = "${project.build.directory}/unixlib")
    private File workDirectory;

    /** The PE half's compiler driver (it links too). */
    @Parameter(property = "winelib.peCompiler", defaultValue = "x86_64-w64-mingw32-gcc") private String peCompiler;

    /** mingw's dlltool, which makes the ntdll import library the PE half calls through. */
    @Parameter(property = "winelib.dlltool", defaultValue = "x86_64-w64-mingw32-dlltool") private String dlltool;

    /** Extra compiler flags of the PE half, separated by spaces. */
    @Parameter(property = "winelib.peCflags") private String peCflags;

    /** Extra link flags of the PE half, given to the compiler driver ({@code -Wl,...}). */
    @Parameter(property = "winelib.peLdflags") private String peLdflags;

    /** Windows import libraries of the PE half, by name as for {@code -l} (e.g. {@code user32}). */
    @Parameter(property = "winelib.peLibraries") private List<String> peLibraries = new ArrayList<>();

    @Inject
    public UnixlibMojo(MavenProjectHelper projectHelper, MavenProject project) {
        super("unixlib build", "unixlib", projectHelper, project);
    }

    @Override
    protected Optional<BuildRecord.Files> build(Path spec) throws BuildFailure, SysrootException,
            InterruptedException, MojoFailureException {
        Path calls = unixCallsFile != null ? unixCallsFile.toPath() : UnixlibLayout.findUnixCalls(specDirectory());
        OutputTimestamp timestamp = timestamp();
        UnixlibBuildRequest.Builder request = UnixlibBuildRequest
                .builder(spec, calls, outputDirectory.toPath(), workDirectory.toPath())
                .moduleFileName(outputFileName)
                .peSources(ProjectLayout.findSources(peSourceDirectory.toPath(), List.of(".c")),
                        peSourceDirectory.toPath())
                .peCompiler(peCompiler)
                .dlltool(dlltool)
                .peCflags(ProjectLayout.splitFlags(peCflags))
                .peLdflags(ProjectLayout.splitFlags(peLdflags))
                .peLibraries(ListParameter.entries(peLibraries))
                .architectures(architectures());
        if (architectures().stream().anyMatch(PeArchitecture::is32Bit)) {
            // the 32-bit Unix half, for Wine's old-style 32-bit process: the same sysroot for i386
            // (a sysrootSha256 pins the x86_64 tree only)
            SysrootResolver resolver32 = sysrootResolver(Architecture.I386);
            Sysroot sysroot32 = resolver32.resolve(sysroot, Optional.empty());
            request.sysroot32(sysroot32, resolver32.hints(sysroot, sysroot32).orElse(null));
        }
        UnixlibBuildResult result = new UnixlibBuilder(ToolLocator.fromEnvironment(),
                new MavenBuildLog(getLog())).build(withSharedParameters(request, timestamp).build());
        for (Path dll : result.dlls().values()) {
            getLog().info("unixlib DLL " + dll + " (" + result.exports() + " exports"
                    + (result.linkedDll() ? "" : ", up to date") + ")");
        }
        getLog().info("unixlib Unix library " + result.unixLibrary() + " (" + result.calls() + " calls"
                + (result.linkedUnixLibrary() ? "" : ", up to date") + ")");
        result.unixLibrary32().ifPresent(so -> getLog().info("unixlib Unix library " + so + " (32-bit)"));
        project.getArtifact().setFile(result.dll().toFile());
        result.dlls().forEach((architecture, dll) -> {
            if (!dll.equals(result.dll())) {
                projectHelper.attachArtifact(project, DLL_TYPE, architecture.windowsDirectory(), dll.toFile());
            }
        });
        result.linkFiles32().ifPresent(files -> {
            getLog().info("import library " + files.importLibrary() + " and " + files.definitionFile().getFileName()
                    + " (for 32-bit Windows programs)");
            String classifier = PeArchitecture.I686.windowsDirectory();
            projectHelper.attachArtifact(project, WINDOWS_LIBRARY_TYPE, classifier, files.importLibrary().toFile());
            projectHelper.attachArtifact(project, DEFINITION_TYPE, classifier, files.definitionFile().toFile());
        });
        projectHelper.attachArtifact(project, UNIX_TYPE, UNIX_CLASSIFIER, result.unixLibrary().toFile());
        result.unixLibrary32().ifPresent(so -> projectHelper.attachArtifact(project, UNIX_TYPE,
                PeArchitecture.I686.unixDirectory(), so.toFile()));
        return Optional.empty(); // the unixlib builder's own records decide, every time
    }

    @Override
    protected List<File> sourceDirectories() {
        return List.of(peSourceDirectory);
    }

    /** The configured architectures, checked: an unknown name fails the build naming it. */
    List<PeArchitecture> architectures() throws BuildFailure {
        try {
            return PeArchitecture.of(ListParameter.entries(architectures));
        } catch (IllegalArgumentException e) {
            throw new BuildFailure("architectures: " + e.getMessage(), e);
        }
    }

    @Override
    protected Path workDirectory() {
        return workDirectory.toPath();
    }
}
