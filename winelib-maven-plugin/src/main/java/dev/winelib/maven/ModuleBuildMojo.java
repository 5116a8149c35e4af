package dev.winelib.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Sysroot;
import dev.winelib.sysroot.SysrootException;
import dev.winelib.sysroot.SysrootResolver;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.build.BuildRecord;
import dev.winelib.toolchain.build.ModuleInputs;
import dev.winelib.toolchain.build.ModuleRequest;
import dev.winelib.toolchain.build.OutputTimestamp;
import dev.winelib.toolchain.build.ProjectLayout;
import dev.winelib.toolchain.implib.WindowsLinkFiles;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.compile.SourceLanguage;

/**
 * What the goals that build a module ({@code build} and {@code unixlib}) share: the spec file, the
 * include directories, the output's name and place, the configured time, the sysroot and the Linux
 * compiler and linker with their flags, the glibc baseline, and {@code skip}. A goal only adds its
 * own parameters and turns them into its builder's request ({@link #build()}); failures of the
 * build become {@link MojoFailureException}s here.
 */
abstract class ModuleBuildMojo extends SysrootSupport {

    /** The classifier of the attached import library and .def file: Wine's directory name for x86_64 PE files. */
    static final String WINDOWS_CLASSIFIER = "x86_64-windows";
    /** The classifier of an i386 module's import library and .def file, for 32-bit programs. */
    static final String WINDOWS_CLASSIFIER_I386 = "i386-windows";
    /** The type (and extension) of the attached import library. */
    static final String WINDOWS_LIBRARY_TYPE = "a";
    /** The type (and extension) of the attached module-definition file. */
    static final String DEFINITION_TYPE = "def";

    /** The Maven project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true) protected MavenProject project;

    /**
     * The file that defines the DLL's exports: a Wine {@code .spec} file or a Windows {@code .def}
     * file. By default the single {@code .spec} or {@code .def} file in {@code src/main/spec}.
     */
    @Parameter(property = "winelib.specFile") protected File specFile;

    /** Directory added to the compilers' include path (when it exists). */
    @Parameter(property = "winelib.includeDirectory", defaultValue = "${project.basedir}/src/main/include")
    protected File includeDirectory;

    /** Further include directories (as a property: comma-separated). */
    @Parameter(property = "winelib.includeDirectories") protected List<File> includeDirectories = new ArrayList<>();

    /**
     * File name of the DLL, which is also the module name Wine sees (winebuild's -F). By default the
     * spec file's name with {@code .dll}: {@code hello.spec} gives {@code hello.dll}. A unixlib
     * module's Unix library is named after it ({@code mylib.dll} goes with {@code mylib.so}).
     */
    @Parameter(property = "winelib.outputFileName") protected String outputFileName;

    /** Directory the module is written to. */
    @Parameter(property = "winelib.outputDirectory", defaultValue = "${project.build.directory}")
    protected File outputDirectory;

    /**
     * The time written into the DLL (its PE TimeDateStamps) and given to the compilers as
     * {@code SOURCE_DATE_EPOCH}, for reproducible builds: seconds since 1970 or an ISO-8601 date and
     * time with offset. Unset (or one character), the {@code SOURCE_DATE_EPOCH} environment variable
     * is used; without either, no time is written (a winelib DLL's TimeDateStamp is then a hash of
     * its file name, as winebuild writes it; a unixlib DLL's is 0).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}") protected String outputTimestamp;

    /**
     * The sysroot to compile and link the Linux code against: {@code sniper} (the default: Debian
     * 11, the base of the Steam Runtime 'sniper' that Proton uses, glibc 2.31; provisioned from
     * Debian's archive on first use, without apt, and cached in ~/.cache/winebuild-j/sysroots; add
     * Debian 11 packages with {@code sysrootPackages}); the path of a sysroot archive such
     * as the Steam Runtime SDK's {@code ...sniper-sysroot.tar.gz} (unpacked safely into that cache);
     * an unpacked sysroot directory; Maven coordinates
     * {@code groupId:artifactId:version[:classifier][:type]} of a sysroot archive, resolved through
     * the project's repositories; or {@code host} (this machine's libraries). Absolute symlinks are
     * handled without changing the user's directory.
     */
    @Parameter(property = "winelib.sysroot", defaultValue = "sniper") protected String sysroot;

    /**
     * The sha256 the sysroot archive must have (64 hex digits), e.g. the one Valve publishes next to
     * the SDK's sysroot archive; only for an archive given as a path or as Maven coordinates.
     */
    @Parameter(property = "winelib.sysrootSha256") protected String sysrootSha256;

    /**
     * C compiler driver of the Linux code: {@code gcc}, {@code clang}, a versioned name such as
     * {@code clang-16}, or a path.
     */
    @Parameter(property = "winelib.compiler", defaultValue = "gcc") protected String compiler;

    /**
     * The linker of the Linux code: a name on the PATH or a path. By default {@code ld.lld}, or the
     * highest {@code ld.lld-NN} installed.
     */
    @Parameter(property = "winelib.linker") protected String linker;

    /** Extra compiler flags of the Linux code, separated by spaces (quotes group words), e.g. {@code -O2 -g}. */
    @Parameter(property = "winelib.cflags") protected String cflags;

    /** Extra linker flags for ld.lld, separated by spaces, placed before the libraries. */
    @Parameter(property = "winelib.ldflags") protected String ldflags;

    /** Extra libraries of the Linux code, by name as for {@code -l} (e.g. {@code m} for libm). */
    @Parameter(property = "winelib.libraries") protected List<String> libraries = new ArrayList<>();

    /**
     * The newest glibc symbol version the Linux code may need: {@code 2.31} (the Steam Runtime
     * 'sniper' that Proton uses) by default; {@code none} allows any. A module needing a newer
     * version would fail to load on older distributions, so the build fails and lists each symbol,
     * its version and the object that referenced it.
     */
    @Parameter(property = "winelib.glibcBaseline", defaultValue = "2.31") protected String glibcBaseline;

    /**
     * Whether to write the MinGW import library {@code libNAME.a} and the module-definition file
     * {@code NAME.def} next to the module and attach them (classifier {@code x86_64-windows}, types
     * {@code a} and {@code def}), for Windows programs and downstream projects to link against the
     * module. Needs MinGW's dlltool (Debian package binutils-mingw-w64-x86-64).
     */
    @Parameter(property = "winelib.importLibrary", defaultValue = "true") protected boolean importLibrary;

    /**
     * Directory of plain Linux sources ({@code .c}; in a winelib DLL also {@code .cpp}, {@code .cc},
     * {@code .cxx}; searched recursively), compiled as ordinary Linux code: none of the Windows
     * macros, no {@code ms_abi} calling conventions, no Wine headers; the project's include
     * directories and the {@code pkgConfig} modules' flags apply. A winelib DLL links them in with its
     * Windows-facing code ({@code src/main/c}), which calls them through plain C prototypes; they
     * make a unixlib module's Unix half. This is where code that uses a Linux library's headers goes.
     */
    @Parameter(property = "winelib.unixSourceDirectory", defaultValue = "${project.basedir}/src/main/unix")
    protected File unixSourceDirectory;

    /**
     * pkg-config modules of Linux libraries in the sysroot, e.g. {@code vulkan}, {@code libpulse},
     * {@code sdl2}, optionally with a version ({@code sdl2 >= 2.0.10}) (as a property:
     * comma-separated). Their {@code .pc} files are read from the sysroot (never the host's): the
     * compiler flags go to the plain Linux sources, the libraries to the link. With {@code sniper},
     * add the packages that hold them with {@code sysrootPackages}.
     */
    @Parameter(property = "winelib.pkgConfig") protected List<String> pkgConfig = new ArrayList<>();

    /** Skip the build. */
    @Parameter(property = "winelib.skip", defaultValue = "false") protected boolean skip;

    /** Attaches the module's further files (the import library, the .def file, a Unix library). */
    protected final MavenProjectHelper projectHelper;

    /** What the goal builds, for the log: {@code winelib build}, {@code unixlib build}. */
    private final String what;

    /**
     * The record of the default work directory, read (and its files compared) from the moment Maven
     * creates the goal, while Maven configures it and the goal makes its key; execute() takes it when
     * the record is the one in the configured work directory.
     */
    private final BuildRecord.Lookahead recordAhead;

    /** The sysroot tree the last build checked, when nothing of it that build used changed since. */
    private Optional<Path> trustedSysroot = Optional.empty();
    /** The record of the last build with the same settings, with what changed since; empty when there is none. */
    private Optional<BuildRecord.State> lastBuild = Optional.empty();
    /** The sysroot this build uses, once resolved. */
    private Sysroot resolvedSysroot;

    /**
     * @param defaultWorkDirectory the default work directory's name in the project's build directory
     * @param building the project being built (the record of its default work directory is read ahead)
     */
    protected ModuleBuildMojo(String what, String defaultWorkDirectory, MavenProjectHelper projectHelper,
            MavenProject building) {
        this.what = what;
        this.projectHelper = projectHelper;
        String buildDirectory = building == null ? null : building.getBuild().getDirectory();
        this.recordAhead = buildDirectory == null ? null
                : BuildRecord.lookAhead(Path.of(buildDirectory, defaultWorkDirectory, recordName(what)));
    }

    /** The name of the goal's record in its work directory. */
    private static String recordName(String what) {
        return what.replace(' ', '-') + ".record";
    }

    /**
     * Builds the module from {@code spec} with the goal's builder; returns what the build read and wrote
     * when a {@link BuildRecord} can tell whether it is current (the goal's artifacts and log lines
     * among its notes: {@link BuildRecordNotes}), empty otherwise.
     */
    protected abstract Optional<BuildRecord.Files> build(Path spec) throws BuildFailure, SysrootException,
            InterruptedException, MojoFailureException;

    /** The directories the goal finds its sources in (an added or removed file changes what it builds). */
    protected abstract List<File> sourceDirectories();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info(what + " skipped (winelib.skip)");
            return;
        }
        Path recordFile = workDirectory().resolve(recordName(what));
        // the record's files are compared on another thread (since the goal was created, when the work
        // directory is the default one) while the spec is found and the key made
        BuildRecord.Lookahead recorded = recordAhead != null && recordAhead.file().equals(recordFile) ? recordAhead
                : BuildRecord.lookAhead(recordFile);
        try {
            Path spec = spec();
            List<Path> directories = new ArrayList<>();
            directories.add(specDirectory());
            directories.add(unixSourceDirectory.toPath());
            directories.addAll(includes());
            for (File d : sourceDirectories()) {
                directories.add(d.toPath());
            }
            BuildRecordNotes.Key key = BuildRecordNotes.key(this, spec, directories);
            BuildRecord record = new BuildRecord(recordFile, key.text());
            Optional<BuildRecord.State> last = record.read(recorded);
            if (last.isPresent() && last.get().current()) {
                // nothing the last build read or wrote changed: its result stands
                BuildRecordNotes.replay(last.get().notes(), getLog(), project, projectHelper);
                return;
            }
            if (getLog().isDebugEnabled()) {
                getLog().debug(last.isEmpty() ? "no build record with these settings"
                        : "build record: " + last.get().changed().size() + " files changed since, among them "
                        + last.get().changed().iterator().next());
            }
            // the same settings, and none of the sysroot's files the last build used changed: the tree it
            // checked is used without checking every file of it again
            trustedSysroot = last.flatMap(state -> BuildRecordNotes.unchangedSysroot(state.notes(), state.changed()));
            lastBuild = last;
            Instant started = Instant.now();
            record.forget();
            Optional<BuildRecord.Files> files = build(spec);
            if (importLibrary) {
                BuildRecord.Files linkFiles = attachWindowsLinkFiles(spec);
                files = files.map(f -> f.and(linkFiles));
            }
            if (files.isPresent() && resolvedSysroot != null && !resolvedSysroot.isHost()) {
                files = Optional.of(files.get().withNote(BuildRecordNotes.sysroot(resolvedSysroot.root())));
            }
            if (files.isPresent() && !record.write(files.get().and(key.files()), started)) {
                getLog().debug("no build record: a file the build read or wrote is gone");
            }
        } catch (BuildFailure | SysrootException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoFailureException("I/O error while keeping the build record in " + workDirectory() + ": "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
    }

    /**
     * The record of the last build with the same settings, and which of its files changed since: a
     * builder takes the steps whose files did not change as current without checking them again.
     */
    protected final Optional<BuildRecord.State> lastBuild() {
        return lastBuild;
    }

    /** The goal's directory for objects, generated files and up-to-date records. */
    protected abstract Path workDirectory();

    /** Writes {@code libNAME.a} and {@code NAME.def} next to the module and attaches them; returns what it read and wrote. */
    private BuildRecord.Files attachWindowsLinkFiles(Path spec) throws BuildFailure, InterruptedException {
        ModuleSpec module;
        try {
            module = ModuleInputs.readSpec(spec, Optional.ofNullable(outputFileName).filter(s -> !s.isBlank()),
                    architecture().is64Bit() ? TargetCpu.X86_64 : TargetCpu.I386);
        } catch (SysrootException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        WindowsLinkFiles files;
        try {
            files = WindowsLinkFiles.write(module, outputDirectory.toPath(), workDirectory(),
                    ToolLocator.fromEnvironment(), new MavenBuildLog(getLog()));
        } catch (java.io.IOException e) {
            throw new BuildFailure("I/O error while writing the import library of " + module.fileName() + ": " + e, e);
        }
        String message = "import library " + files.importLibrary() + " and " + files.definitionFile().getFileName()
                + " (for Windows programs)";
        getLog().info(message);
        // named after the programs' architecture, so the test goal finds the one for its programs
        String classifier = module.cpu() == TargetCpu.I386 ? WINDOWS_CLASSIFIER_I386 : WINDOWS_CLASSIFIER;
        projectHelper.attachArtifact(project, WINDOWS_LIBRARY_TYPE, classifier, files.importLibrary().toFile());
        projectHelper.attachArtifact(project, DEFINITION_TYPE, classifier, files.definitionFile().toFile());
        return new BuildRecord.Files(Set.of(spec), Set.of(files.importLibrary(), files.definitionFile()), List.of(
                BuildRecordNotes.info(message),
                BuildRecordNotes.attach(WINDOWS_LIBRARY_TYPE, classifier, files.importLibrary()),
                BuildRecordNotes.attach(DEFINITION_TYPE, classifier, files.definitionFile())));
    }

    /** The spec file: {@code specFile}, or the single one in {@code src/main/spec}. */
    private Path spec() throws BuildFailure {
        return specFile != null ? specFile.toPath() : ProjectLayout.findSpec(specDirectory());
    }

    /** The project's {@code src/main/spec}. */
    protected final Path specDirectory() {
        return project.getBasedir().toPath().resolve(ProjectLayout.SPEC_DIRECTORY);
    }

    /** {@code includeDirectory} when it exists, then {@code includeDirectories}. */
    protected final List<Path> includes() {
        List<Path> includes = new ArrayList<>();
        if (includeDirectory != null && includeDirectory.isDirectory()) {
            includes.add(includeDirectory.toPath());
        }
        for (File d : ListParameter.entries(includeDirectories)) {
            includes.add(d.toPath());
        }
        return includes;
    }

    /** The configured time, or null. */
    protected final OutputTimestamp timestamp() throws MojoFailureException {
        return OutputTimestampParameter.resolve(outputTimestamp).orElse(null);
    }

    /** The project directory, written as {@code .} by the compilers. */
    protected final Path baseDirectory() {
        return project.getBasedir().toPath();
    }

    /**
     * Gives a request the parameters every goal shares: include directories, the plain Linux sources
     * (C and C++; a unixlib build refuses C++ with a message), the resolved sysroot (provisioned or
     * unpacked when needed) with its hints, the pkg-config modules, the Linux compiler, linker,
     * flags and libraries, the glibc baseline, the project directory and the configured time.
     */
    protected final <B extends ModuleRequest.Builder<B>> B withSharedParameters(B request, OutputTimestamp timestamp)
            throws SysrootException, BuildFailure {
        SysrootResolver resolver = sysrootResolver();
        Sysroot resolved = null;
        if (trustedSysroot.isPresent()) {
            try {
                Path tree = resolver.locateWithoutChanges(sysroot).toAbsolutePath().normalize();
                if (tree.equals(trustedSysroot.get())) {
                    resolved = Sysroot.directory(tree);
                }
            } catch (SysrootException e) {
                // not where it was: resolved (and checked, provisioned or unpacked) below
            }
        }
        if (resolved == null) {
            resolved = resolver.resolve(sysroot, Optional.ofNullable(sysrootSha256));
        }
        resolvedSysroot = resolved;
        Path unix = unixSourceDirectory.toPath();
        return request.includeDirectories(includes())
                .unixSources(ProjectLayout.findSources(unix, plainLinuxExtensions()), unix)
                .sysroot(resolved)
                .sysrootHints(resolver.hints(sysroot, resolved).orElse(null))
                .pkgConfigModules(pkgConfig)
                .compiler(compiler)
                .linker(linker)
                .cflags(ProjectLayout.splitFlags(cflags))
                .ldflags(ProjectLayout.splitFlags(ldflags))
                .libraries(ListParameter.entries(libraries))
                .glibcBaseline(glibcBaseline)
                .architecture(architecture())
                .baseDirectory(baseDirectory())
                .outputTimestamp(timestamp);
    }

    /** The extensions of plain Linux sources: C and C++ (made when building, not when the goal is created). */
    private static List<String> plainLinuxExtensions() {
        List<String> extensions = new ArrayList<>(SourceLanguage.C.extensions());
        extensions.addAll(SourceLanguage.CXX.extensions());
        return extensions;
    }
}
