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
import dev.winelib.sysroot.SysrootException;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.BuildRecord;
import dev.winelib.toolchain.build.BuildResult;
import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.build.ProjectLayout;
import dev.winelib.toolchain.build.WinelibBuildRequest;
import dev.winelib.toolchain.build.WinelibBuilder;
import dev.winelib.toolchain.cargo.RustCrate;
import dev.winelib.toolchain.compile.CRuntime;
import dev.winelib.toolchain.compile.CxxRuntime;
import dev.winelib.toolchain.compile.SourceLanguage;
import dev.winelib.toolchain.process.ToolLocator;

/**
 * Builds the project's winelib DLL: compiles the C and C++ sources, builds the Rust crate with
 * cargo, generates and assembles the module
 * header from the spec file, links with ld.lld against the sysroot, checks the result the way
 * Wine's loader reads it, and attaches the DLL as the project's artifact. Sources, headers and
 * flags that have not changed are not compiled again, and an up-to-date DLL is not linked again.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, configurator = GoalConfigurator.HINT)
public final class BuildMojo extends ModuleBuildMojo {

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
    @Parameter(property = "winelib.cxxCompiler") private String cxxCompiler;

    /** Extra C++ compiler flags, separated by spaces (quotes group words), e.g. {@code -std=c++17 -O2}. */
    @Parameter(property = "winelib.cxxflags") private String cxxflags;

    /**
     * How libstdc++ is linked: {@code static} (the default when there are C++ sources: the sysroot
     * GCC's libstdc++.a goes into the DLL), {@code shared} (the DLL needs libstdc++.so.6 where it
     * runs) or {@code none}. Set it to link libstdc++ for C++ code that comes only as link inputs.
     */
    @Parameter(property = "winelib.cxxRuntime") private String cxxRuntime;

    /**
     * Prebuilt objects ({@code .o}) and static libraries ({@code .a}) linked into the DLL, in this
     * order, after the compiled sources: the output of any compiler can become a winelib DLL. The
     * Win32 functions they use are imported like those of compiled code.
     */
    @Parameter(property = "winelib.linkInputs") private List<File> linkInputs = new ArrayList<>();

    /**
     * Directory of a Rust crate ({@code Cargo.toml} with {@code crate-type = ["staticlib"]}) that cargo
     * builds for {@code x86_64-unknown-linux-gnu} ({@code i686-unknown-linux-gnu} with architecture
     * i386) and that is linked into the DLL; used when it holds a {@code Cargo.toml}.
     */
    @Parameter(property = "winelib.rustDirectory", defaultValue = "${project.basedir}/src/main/rust")
    private File rustDirectory;

    /** The cargo program: a name on the PATH or a path. Its own rustc is used unless {@code RUSTC} is set. */
    @Parameter(property = "winelib.cargo", defaultValue = "cargo") private String cargo;

    /** The cargo profile the crate is built with ({@code release}, {@code dev}, or a custom one). */
    @Parameter(property = "winelib.cargoProfile", defaultValue = "release") private String cargoProfile;

    /**
     * The panic strategy the crate is built with: {@code abort} (a panic ends the process) or
     * {@code unwind} (for crates that stop panics at their exports with {@code catch_unwind}).
     */
    @Parameter(property = "winelib.rustPanic", defaultValue = "abort") private String rustPanic;

    /**
     * Further arguments for cargo, separated by spaces, e.g. {@code --offline --locked} or
     * {@code --features simd}.
     */
    @Parameter(property = "winelib.cargoArgs") private String cargoArgs;

    /** cargo's target directory. */
    @Parameter(property = "winelib.cargoTargetDirectory", defaultValue = "${project.build.directory}/cargo")
    private File cargoTargetDirectory;

    /** Directory for objects, generated assembly, linker scripts and up-to-date records. */
    @Parameter(property = "winelib.workDirectory", defaultValue = "${project.build.directory}/winelib")
    private File workDirectory;

    /**
     * DLLs the module imports Win32 functions from, in order of preference, by name
     * ({@code shell32}, {@code comctl32.dll}). kernel32, user32, advapi32 and ntdll are imported
     * too unless {@code defaultImports} is false. Only functions the code uses are imported.
     */
    @Parameter(property = "winelib.imports") private List<String> imports = new ArrayList<>();

    /** DLLs loaded on the first call of one of their functions instead of with the module. */
    @Parameter(property = "winelib.delayImports") private List<String> delayImports = new ArrayList<>();

    /** Whether kernel32, user32, advapi32 and ntdll are imported too, as winegcc does. */
    @Parameter(property = "winelib.defaultImports", defaultValue = "true") private boolean defaultImports;

    /**
     * .spec or .def files giving the exports of imported DLLs (for DLLs Wine does not have, or to
     * override its lists). Otherwise the export lists come from the PE DLLs of the installed Wine,
     * then from Wine's Unix import libraries.
     */
    @Parameter(property = "winelib.importDefinitions") private List<File> importDefinitions = new ArrayList<>();

    /**
     * The function Wine's entry point calls at attach and detach, after the constructors have run at
     * DLL_PROCESS_ATTACH. Default: {@code DllMain}; a module without one is simply attached.
     */
    @Parameter(property = "winelib.entryPoint") private String entryPoint;

    /**
     * The C runtime the C sources use: {@code glibc} (the sysroot's C library), or Wine's own
     * {@code ucrtbase} or {@code msvcrt} (as {@code winegcc -mno-cygwin}): the sources are compiled with
     * Wine's msvcrt headers and the C functions they call are imported from that DLL. C sources only.
     */
    @Parameter(property = "winelib.cRuntime", defaultValue = "glibc") private String cRuntime;

    /**
     * Whether a header that at least two sources (of one language) include before anything else, as
     * {@code stdafx.h} or {@code pch.h} in a Windows project, is precompiled once with GCC and used by
     * those sources' compilations (only when the header has an include guard or {@code #pragma once}).
     * The objects are the same either way; {@code false} compiles every source from its text.
     * See docs/performance.md.
     */
    @Parameter(property = "winelib.precompiledHeaders", defaultValue = "true") private boolean precompiledHeaders;

    /**
     * What the DLL is built for: {@code x86_64} (64-bit, the default) or {@code i386} (32-bit, for
     * 32-bit Windows programs under a Wine that runs them, such as Debian 12's {@code wine32}). With
     * {@code i386} the {@code sniper} sysroot is made of Debian 11's {@code i386} packages (and
     * {@code sysrootPackages} are resolved for i386), the code is compiled with {@code -m32} and
     * linked with {@code ld.lld -m elf_i386}. Other values fail the build. See docs/32-bit.md.
     */
    @Parameter(property = "winelib.architecture", defaultValue = "x86_64") private String architecture;

    @Override
    Architecture architecture() throws SysrootException {
        return Architecture.parse(architecture);
    }

    @Inject
    public BuildMojo(MavenProjectHelper projectHelper, MavenProject project) {
        super("winelib build", "winelib", projectHelper, project);
    }

    @Override
    protected Optional<BuildRecord.Files> build(Path spec) throws BuildFailure, SysrootException,
            InterruptedException, MojoFailureException {
        String fileName = outputFileName != null && !outputFileName.isBlank() ? outputFileName
                : ProjectLayout.moduleFileNameOf(spec);
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
        Optional<CRuntime> named = CRuntime.named(cRuntime == null ? "glibc" : cRuntime);
        if (named.isEmpty()) {
            throw new MojoFailureException("cRuntime '" + cRuntime + "' is not known: give glibc, ucrtbase or msvcrt");
        }
        CRuntime crt = named.get();
        OutputTimestamp timestamp = timestamp();
        WinelibBuildRequest.Builder request = WinelibBuildRequest
                .builder(spec, outputDirectory.toPath().resolve(fileName), workDirectory.toPath())
                .moduleFileName(fileName)
                .sources(sources)
                .sourceRoot(sourceDirectory.toPath())
                .sourceRoot(cppSourceDirectory.toPath())
                .cxxCompiler(cxxCompiler)
                .cxxflags(ProjectLayout.splitFlags(cxxflags))
                .cxxRuntime(runtime)
                .linkInputs(paths(linkInputs))
                .rustCrate(rust)
                .imports(ListParameter.entries(imports))
                .delayImports(ListParameter.entries(delayImports))
                .defaultImports(defaultImports)
                .importDefinitions(paths(importDefinitions))
                .entryPoint(entryPoint)
                .cRuntime(crt)
                .precompiledHeaders(precompiledHeaders);
        BuildResult result = new WinelibBuilder(ToolLocator.fromEnvironment(), new MavenBuildLog(getLog()), lastBuild())
                .build(withSharedParameters(request, timestamp).build());
        getLog().info("winelib DLL " + result.outputFile() + " (" + result.image().exports().size() + " exports"
                + (result.linked() ? "" : ", up to date") + ")");
        project.getArtifact().setFile(result.outputFile().toFile());
        // what a no-op build says and does instead
        return result.files().map(f -> f
                .withNote(BuildRecordNotes.info("up to date: " + result.outputFile()))
                .withNote(BuildRecordNotes.info("winelib DLL " + result.outputFile() + " ("
                        + result.image().exports().size() + " exports, up to date)"))
                .withNote(BuildRecordNotes.artifact(result.outputFile())));
    }

    @Override
    protected List<File> sourceDirectories() {
        return List.of(sourceDirectory, cppSourceDirectory, rustDirectory);
    }

    @Override
    protected Path workDirectory() {
        return workDirectory.toPath();
    }

    /** The paths of a list parameter's entries (a loop: every build comes here, and a stream's first use costs more). */
    private static List<Path> paths(List<File> files) {
        List<Path> paths = new ArrayList<>();
        for (File f : ListParameter.entries(files)) {
            paths.add(f.toPath());
        }
        return paths;
    }
}
