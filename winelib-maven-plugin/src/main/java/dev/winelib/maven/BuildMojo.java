package dev.winelib.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.winelib.sysroot.SysrootException;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildResult;
import dev.winelib.toolchain.CxxRuntime;
import dev.winelib.toolchain.ProjectLayout;
import dev.winelib.toolchain.RustCrate;
import dev.winelib.toolchain.SourceLanguage;
import dev.winelib.toolchain.OutputTimestamp;
import dev.winelib.toolchain.WinelibBuildRequest;
import dev.winelib.toolchain.WinelibBuilder;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Builds the project's winelib DLL: compiles the C and C++ sources, builds the Rust crate with
 * cargo, generates and assembles the module
 * header from the spec file, links with ld.lld against the sysroot, checks the result the way
 * Wine's loader reads it, and attaches the DLL as the project's artifact. Sources, headers and
 * flags that have not changed are not compiled again, and an up-to-date DLL is not linked again.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class BuildMojo extends SysrootSupport {

    /** The Maven project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The file that defines the DLL's exports: a Wine {@code .spec} file or a Windows {@code .def}
     * file. By default the single {@code .spec} or {@code .def} file in {@code src/main/spec}.
     */
    @Parameter(property = "winelib.specFile")
    private File specFile;

    /** Directory whose {@code .c} files (searched recursively) are compiled into the DLL. */
    @Parameter(property = "winelib.sourceDirectory", defaultValue = "${project.basedir}/src/main/c")
    private File sourceDirectory;

    /**
     * Directory whose C++ files ({@code .cpp}, {@code .cc}, {@code .cxx}, searched recursively) are
     * compiled into the DLL with the C++ compiler; libstdc++ of the sysroot's GCC is linked in (see
     * {@code cxxRuntime}).
     */
    @Parameter(property = "winelib.cppSourceDirectory", defaultValue = "${project.basedir}/src/main/cpp")
    private File cppSourceDirectory;

    /**
     * C++ compiler driver: {@code g++}, {@code clang++}, a versioned name or a path. By default the
     * one that goes with {@code compiler} ({@code gcc}: {@code g++}; {@code clang-16}: {@code clang++-16}).
     */
    @Parameter(property = "winelib.cxxCompiler")
    private String cxxCompiler;

    /** Extra C++ compiler flags, separated by spaces (quotes group words), e.g. {@code -std=c++17 -O2}. */
    @Parameter(property = "winelib.cxxflags")
    private String cxxflags;

    /**
     * How libstdc++ is linked: {@code static} (the default when there are C++ sources: the sysroot
     * GCC's libstdc++.a goes into the DLL), {@code shared} (the DLL needs libstdc++.so.6 where it
     * runs) or {@code none}. Set it to link libstdc++ for C++ code that comes only as link inputs.
     */
    @Parameter(property = "winelib.cxxRuntime")
    private String cxxRuntime;

    /**
     * Prebuilt objects ({@code .o}) and static libraries ({@code .a}) linked into the DLL, in this
     * order, after the compiled sources: the output of any compiler can become a winelib DLL. The
     * Win32 functions they use are imported like those of compiled code.
     */
    @Parameter(property = "winelib.linkInputs")
    private List<File> linkInputs = new ArrayList<>();

    /**
     * Directory of a Rust crate ({@code Cargo.toml} with {@code crate-type = ["staticlib"]}) that cargo
     * builds for {@code x86_64-unknown-linux-gnu} and that is linked into the DLL; used when it holds
     * a {@code Cargo.toml}.
     */
    @Parameter(property = "winelib.rustDirectory", defaultValue = "${project.basedir}/src/main/rust")
    private File rustDirectory;

    /** The cargo program: a name on the PATH or a path. Its own rustc is used unless {@code RUSTC} is set. */
    @Parameter(property = "winelib.cargo", defaultValue = "cargo")
    private String cargo;

    /** The cargo profile the crate is built with ({@code release}, {@code dev}, or a custom one). */
    @Parameter(property = "winelib.cargoProfile", defaultValue = "release")
    private String cargoProfile;

    /**
     * The panic strategy the crate is built with: {@code abort} (a panic ends the process) or
     * {@code unwind} (for crates that stop panics at their exports with {@code catch_unwind}).
     */
    @Parameter(property = "winelib.rustPanic", defaultValue = "abort")
    private String rustPanic;

    /**
     * Further arguments for cargo, separated by spaces, e.g. {@code --offline --locked} or
     * {@code --features simd}.
     */
    @Parameter(property = "winelib.cargoArgs")
    private String cargoArgs;

    /** cargo's target directory. */
    @Parameter(property = "winelib.cargoTargetDirectory", defaultValue = "${project.build.directory}/cargo")
    private File cargoTargetDirectory;

    /** Directory added to the compiler's include path (when it exists). */
    @Parameter(property = "winelib.includeDirectory", defaultValue = "${project.basedir}/src/main/include")
    private File includeDirectory;

    /** Further include directories (as a property: comma-separated). */
    @Parameter(property = "winelib.includeDirectories")
    private List<File> includeDirectories = new ArrayList<>();

    /**
     * File name of the DLL, which is also the module name Wine sees (winebuild's -F). By default the
     * spec file's name with {@code .dll}: {@code hello.spec} gives {@code hello.dll}.
     */
    @Parameter(property = "winelib.outputFileName")
    private String outputFileName;

    /** Directory the DLL is written to. */
    @Parameter(property = "winelib.outputDirectory", defaultValue = "${project.build.directory}")
    private File outputDirectory;

    /** Directory for objects, generated assembly, linker scripts and up-to-date records. */
    @Parameter(property = "winelib.workDirectory", defaultValue = "${project.build.directory}/winelib")
    private File workDirectory;

    /**
     * The time written into the DLL (PE TimeDateStamp of the NT header and export directory) and
     * given to the compilers as {@code SOURCE_DATE_EPOCH}, for reproducible builds: seconds since
     * 1970 or an ISO-8601 date and time with offset. Unset (or one character), the
     * {@code SOURCE_DATE_EPOCH} environment variable is used; without either, no time is written
     * (the TimeDateStamp is a hash of the DLL's file name, as winebuild writes it).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * The sysroot to compile and link against: {@code sniper} (the default: Debian 11, the base of
     * the Steam Runtime 'sniper' that Proton uses, glibc 2.31; provisioned with apt on first use and
     * cached in ~/.cache/winebuild-j/sysroots); the path of a sysroot archive such as the Steam
     * Runtime SDK's {@code ...sniper-sysroot.tar.gz} (unpacked safely into that cache); an unpacked
     * sysroot directory; Maven coordinates {@code groupId:artifactId:version[:classifier][:type]} of
     * a sysroot archive, resolved through the project's repositories; or {@code host} (this
     * machine's libraries). Absolute symlinks are handled without changing the user's directory.
     */
    @Parameter(property = "winelib.sysroot", defaultValue = "sniper")
    private String sysroot;

    /**
     * The sha256 the sysroot archive must have (64 hex digits), e.g. the one Valve publishes next to
     * the SDK's sysroot archive; only for an archive given as a path or as Maven coordinates.
     */
    @Parameter(property = "winelib.sysrootSha256")
    private String sysrootSha256;

    /** C compiler driver: {@code gcc}, {@code clang}, a versioned name such as {@code clang-16}, or a path. */
    @Parameter(property = "winelib.compiler", defaultValue = "gcc")
    private String compiler;

    /**
     * The linker: a name on the PATH or a path. By default {@code ld.lld}, or the highest
     * {@code ld.lld-NN} installed.
     */
    @Parameter(property = "winelib.linker")
    private String linker;

    /** Extra compiler flags, separated by spaces (quotes group words), e.g. {@code -O2 -g -Wall}. */
    @Parameter(property = "winelib.cflags")
    private String cflags;

    /** Extra linker flags for ld.lld, separated by spaces, placed before the libraries. */
    @Parameter(property = "winelib.ldflags")
    private String ldflags;

    /** Extra libraries to link, by name as for {@code -l} (e.g. {@code m} for libm). */
    @Parameter(property = "winelib.libraries")
    private List<String> libraries = new ArrayList<>();

    /**
     * DLLs the module imports Win32 functions from, in order of preference, by name
     * ({@code shell32}, {@code comctl32.dll}). kernel32, user32, advapi32 and ntdll are imported
     * too unless {@code defaultImports} is false. Only functions the code uses are imported.
     */
    @Parameter(property = "winelib.imports")
    private List<String> imports = new ArrayList<>();

    /** DLLs loaded on the first call of one of their functions instead of with the module. */
    @Parameter(property = "winelib.delayImports")
    private List<String> delayImports = new ArrayList<>();

    /** Whether kernel32, user32, advapi32 and ntdll are imported too, as winegcc does. */
    @Parameter(property = "winelib.defaultImports", defaultValue = "true")
    private boolean defaultImports;

    /**
     * .spec or .def files giving the exports of imported DLLs (for DLLs Wine does not have, or to
     * override its lists). Otherwise the export lists come from the PE DLLs of the installed Wine,
     * then from Wine's Unix import libraries.
     */
    @Parameter(property = "winelib.importDefinitions")
    private List<File> importDefinitions = new ArrayList<>();

    /**
     * The function Wine's entry point calls at attach and detach, after the constructors have run at
     * DLL_PROCESS_ATTACH. Default: {@code DllMain}; a module without one is simply attached.
     */
    @Parameter(property = "winelib.entryPoint")
    private String entryPoint;

    /**
     * The newest glibc symbol version the DLL may need: {@code 2.31} (the Steam Runtime 'sniper' that
     * Proton uses) by default; {@code none} allows any. A DLL needing a newer version would fail to
     * load on older distributions, so the build fails and lists each symbol, its version and the
     * object that referenced it.
     */
    @Parameter(property = "winelib.glibcBaseline", defaultValue = "2.31")
    private String glibcBaseline;

    /** Skip building the DLL. */
    @Parameter(property = "winelib.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("winelib build skipped (winelib.skip)");
            return;
        }
        try {
            Path spec = specFile != null ? specFile.toPath()
                    : ProjectLayout.findSpec(project.getBasedir().toPath().resolve(ProjectLayout.SPEC_DIRECTORY));
            String fileName = outputFileName != null && !outputFileName.isBlank() ? outputFileName
                    : ProjectLayout.moduleFileNameOf(spec);
            List<Path> includes = new ArrayList<>();
            if (includeDirectory != null && includeDirectory.isDirectory()) {
                includes.add(includeDirectory.toPath());
            }
            includeDirectories.forEach(d -> includes.add(d.toPath()));
            List<Path> sources = new ArrayList<>(ProjectLayout.findSources(sourceDirectory.toPath(),
                    SourceLanguage.C.extensions()));
            sources.addAll(ProjectLayout.findSources(cppSourceDirectory.toPath(), SourceLanguage.CXX.extensions()));
            CxxRuntime runtime = null;
            if (cxxRuntime != null && !cxxRuntime.isBlank()) {
                try {
                    runtime = CxxRuntime.parse(cxxRuntime);
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException("cxxRuntime: " + e.getMessage(), e);
                }
            }
            RustCrate rust = null;
            if (rustDirectory != null && rustDirectory.toPath().resolve("Cargo.toml").toFile().isFile()) {
                try {
                    rust = new RustCrate(rustDirectory.toPath(), cargo, cargoProfile, rustPanic,
                            cargoTargetDirectory.toPath(), ProjectLayout.splitFlags(cargoArgs));
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException("rustPanic: " + e.getMessage(), e);
                }
            }
            OutputTimestamp timestamp = OutputTimestampParameter.resolve(outputTimestamp).orElse(null);
            WinelibBuildRequest request = WinelibBuildRequest
                    .builder(spec, outputDirectory.toPath().resolve(fileName), workDirectory.toPath())
                    .moduleFileName(fileName)
                    .sources(sources)
                    .sourceRoot(sourceDirectory.toPath())
                    .sourceRoot(cppSourceDirectory.toPath())
                    .cxxCompiler(cxxCompiler)
                    .cxxflags(ProjectLayout.splitFlags(cxxflags))
                    .cxxRuntime(runtime)
                    .linkInputs(linkInputs.stream().map(File::toPath).toList())
                    .rustCrate(rust)
                    .includeDirectories(includes)
                    .sysroot(sysrootResolver().resolve(sysroot, java.util.Optional.ofNullable(sysrootSha256)))
                    .compiler(compiler)
                    .linker(linker)
                    .cflags(ProjectLayout.splitFlags(cflags))
                    .ldflags(ProjectLayout.splitFlags(ldflags))
                    .libraries(libraries)
                    .imports(imports)
                    .delayImports(delayImports)
                    .defaultImports(defaultImports)
                    .importDefinitions(importDefinitions.stream().map(File::toPath).toList())
                    .entryPoint(entryPoint)
                    .glibcBaseline(glibcBaseline)
                    .baseDirectory(project.getBasedir().toPath())
                    .outputTimestamp(timestamp)
                    .build();
            BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), new MavenBuildLog(getLog()))
                    .build(request);
            getLog().info("winelib DLL " + result.outputFile() + " (" + result.image().exports().size() + " exports"
                    + (result.linked() ? "" : ", up to date") + ")");
            project.getArtifact().setFile(result.outputFile().toFile());
        } catch (BuildFailure | SysrootException e) {
            throw new MojoFailureException(e.getMessage(), e);

        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
    }
}
