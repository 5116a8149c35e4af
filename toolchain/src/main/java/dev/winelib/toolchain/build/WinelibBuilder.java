package dev.winelib.toolchain.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.linker.LinkerScripts;
import dev.winelib.spec.InputFiles;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.cargo.CargoBuild;
import dev.winelib.toolchain.cargo.RustCrate;
import dev.winelib.toolchain.check.CallingConventionCheck;
import dev.winelib.toolchain.check.GlibcBaselineGuard;
import dev.winelib.toolchain.check.PostLinkChecks;
import dev.winelib.toolchain.check.UndefinedExports;
import dev.winelib.toolchain.compile.CompileCommand;
import dev.winelib.toolchain.compile.CompileFlags;
import dev.winelib.toolchain.compile.CompileSlots;
import dev.winelib.toolchain.compile.CxxRuntime;
import dev.winelib.toolchain.compile.PlainLinuxFlags;
import dev.winelib.toolchain.compile.SourceCompiler;
import dev.winelib.toolchain.compile.SourceLanguage;
import dev.winelib.toolchain.compile.WinelibCFlags;
import dev.winelib.toolchain.compile.WinelibCxxFlags;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.imports.ImportResolver;
import dev.winelib.toolchain.imports.UndefinedSymbols;
import dev.winelib.toolchain.link.ConstructorFixup;
import dev.winelib.toolchain.link.LinkInputs;
import dev.winelib.toolchain.link.LinkInputFiles;
import dev.winelib.toolchain.link.LinkerProcess;
import dev.winelib.toolchain.link.WinelibLinkCommand;
import dev.winelib.toolchain.module.CRuntimeImports;
import dev.winelib.toolchain.module.ModuleAssembler;
import dev.winelib.toolchain.module.ModuleObjectWriter;
import dev.winelib.toolchain.module.ModuleRuntime;
import dev.winelib.toolchain.module.ObjectSymbolTables;
import dev.winelib.toolchain.module.ObjectSymbols;
import dev.winelib.toolchain.module.RuntimeCache;
import dev.winelib.toolchain.pe.WinelibImage;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFileNames;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * The pipeline that turns C and C++ sources (Windows-facing, and plain Linux ones compiled without
 * the Windows macros), a Rust crate, prebuilt objects and libraries, and a
 * spec file into a winelib module: parse the spec, compile, run cargo, emit and assemble the module
 * header with the imports the code needs (in the process), link with ld.lld, check the result
 * as Wine's loader will read it, and only then put the module in place. On any failure the output
 * file is removed, so a failed build never leaves a module that looks current.
 */
public final class WinelibBuilder extends ModuleBuilder {

    private final Optional<BuildRecord.State> lastBuild;
    private final Optional<Path> runtimeCache;

    public WinelibBuilder(ToolLocator tools, BuildLog log) {
        this(tools, log, Optional.empty());
    }

    /**
     * A builder that takes from {@code lastBuild} (the record of the last build with the same settings,
     * and which of its files changed since) which objects are still current, without reading their
     * stamps and dependency files.
     */
    public WinelibBuilder(ToolLocator tools, BuildLog log, Optional<BuildRecord.State> lastBuild) {
        this(tools, log, lastBuild, RuntimeCache.defaultDirectory(System.getenv()));
    }

    private WinelibBuilder(ToolLocator tools, BuildLog log, Optional<BuildRecord.State> lastBuild,
            Optional<Path> runtimeCache) {
        super(tools, log);
        this.lastBuild = lastBuild;
        this.runtimeCache = runtimeCache;
    }

    /**
     * This builder taking the module runtime from the runtime cache below {@code cache} ({@link RuntimeCache}),
     * or compiling it into the work directory when empty. By default it is where the command line keeps it
     * ({@link RuntimeCache#defaultDirectory}: {@code WINEBUILD_J_RUNTIME_CACHE}, {@code off} to turn it off).
     */
    public WinelibBuilder withRuntimeCache(Optional<Path> cache) {
        return new WinelibBuilder(tools, log, lastBuild, cache);
    }

    public BuildResult build(WinelibBuildRequest request) throws BuildFailure, InterruptedException {
        return removingOutputsOnFailure(request.outputFile().toString(), outputs -> {
            outputs.add(request.outputFile());
            outputs.add(compilationDatabase(request.outputFile().toAbsolutePath().getParent()));
            // work started ahead that writes in the work directory: ended before the build returns or fails
            List<Future<?>> ahead = new ArrayList<>();
            try {
                return buildOrFail(request, ahead);
            } finally {
                for (Future<?> f : ahead) {
                    awaitQuietly(f);
                }
            }
        });
    }

    /** Whether a source is C++ (a loop: every build asks, and a stream's first use costs more than the loop). */
    private static boolean hasCxx(List<Path> sources) {
        for (Path p : sources) {
            if (SourceLanguage.of(p).orElse(null) == SourceLanguage.CXX) {
                return true;
            }
        }
        return false;
    }

    private BuildResult buildOrFail(WinelibBuildRequest request, List<Future<?>> ahead) throws BuildFailure, IOException,
            InterruptedException {
        ModuleRequest module = request.module();
        Stages stages = new Stages(log);
        Path work = module.workDirectory().toAbsolutePath();
        // the hashes of the last build: a file whose status did not change is not read again
        Path hashes = work.resolve("content-hashes");
        ContentHashes.recall(hashes);
        // the spec's content as it is read (hashed first: a change while it is read makes the next key differ)
        Optional<String> specSha256 = ContentHashes.sha256IfRegularFile(module.specFile());
        ModuleSpec spec = ModuleInputs.readSpec(module.specFile(), module.moduleFileName(), module.cpu());
        ModuleObjectWriter.checkLinkable(spec);
        stages.done("spec read");
        Optional<String> entry = Optional.of(ENTRY_SYMBOL);
        ModuleOptions options = module.outputTimestamp()
                .map(t -> ModuleOptions.dll(entry).withStubRuntime().withTimeDateStamp(t.seconds()))
                .orElseGet(() -> ModuleOptions.dll(entry).withStubRuntime());
        // the probe link's module object depends only on the spec and the options: it is written (its
        // assembler's first, cold run) while the toolchain is found and the sources compile; a failure is
        // reported when the probe link takes it, after the compilations' own
        Future<Path> probeObject = CompileSlots.EXECUTOR.submit(() -> {
            Path written = writeModuleObject(spec, specSha256, options, ModuleImports.none(), work.resolve("probe"));
            // and the identity of the code that links, which the link key and the probe's key name: the hash
            // of the plugin's jar (megabytes, in a clean build) is taken here rather than after the compilations
            CodeIdentity.of(WinelibBuilder.class, ModuleAssemblyEmitter.class, ModuleSpec.class);
            return written;
        });
        ahead.add(probeObject);
        boolean hasCxx = hasCxx(module.sources()) || hasCxx(module.unixSources());
        if (request.cRuntime().fromWine() && (hasCxx || request.rustCrate().isPresent())) {
            throw new BuildFailure("cRuntime " + request.cRuntime().configName() + ": Wine's C runtime is for C sources;"
                    + " C++ and Rust use the C library of the sysroot. Use cRuntime glibc (the default) or build the"
                    + " C++/Rust part as a separate module");
        }
        List<Path> linkInputs = LinkInputs.check(request.linkInputs());
        LinuxToolchain toolchain = LinuxToolchain.of(module, tools, "to compile C sources");
        Path compiler = toolchain.compiler();
        Path linker = toolchain.linker();
        SysrootLayout sysroot = toolchain.sysroot();
        log.debug("sysroot " + module.sysroot() + ": gcc " + sysroot.gccVersion() + ", linking against "
                + sysroot.linkRoot());
        stages.done("toolchain and sysroot");

        Files.createDirectories(work);
        // the symbol tables of its objects: only the objects that changed are parsed
        Path symbolTables = work.resolve("object-symbols");
        ObjectSymbolTables.recall(symbolTables);
        stages.done("kept symbol tables");
        Map<SourceLanguage, SourceCompiler.Invocation> invocations = new EnumMap<>(SourceLanguage.class);
        Map<String, String> compilerEnvironment = module.compilerEnvironment();
        invocations.put(SourceLanguage.C, new SourceCompiler.Invocation(compiler, compileFlags(request),
                compilerEnvironment));
        if (hasCxx) {
            invocations.put(SourceLanguage.CXX, new SourceCompiler.Invocation(cxxCompiler(request),
                    cxxCompileFlags(request, sysroot), compilerEnvironment));
        }
        // the export lists of the DLLs the module can import from are read while the sources compile
        ExportLists exportLists = ExportLists.standard(request.importDefinitions(), spec.cpu());
        CompileSlots.EXECUTOR.submit(() -> readAhead(exportLists, request.allImports()));
        // the runtime compiles while the sources do
        Future<List<Path>> runtimeObjects = CompileSlots.EXECUTOR.submit(
                () -> compileRuntime(request, spec, compiler, work));
        // the compilations also say which functions are ms_abi: the calling-convention check then compiles nothing
        SourceCompiler sources = new SourceCompiler(invocations, work.resolve("obj"), log).withFunctionConventions()
                .withLastBuild(lastBuild);
        if (request.precompiledHeaders()) {
            sources = sources.withPrecompiledHeaders(work.resolve("pch"));
        }
        SourceCompiler.Outcome compiled;
        SourceCompiler.Outcome plainLinux;
        try {
            try {
                compiled = sources.compile(module.sources(), module.sourceRoots());
            } catch (BuildFailure e) {
                throw SysrootAdvice.explain(module, e, SysrootAdvice.WINDOWS_FACING_NOTE);
            }
            try {
                plainLinux = new SourceCompiler(plainLinuxInvocations(request, toolchain),
                        work.resolve("unix-obj"), log).withLastBuild(lastBuild).compile(module.unixSources(),
                                module.unixSourceRoot().map(List::of).orElse(List.of()));
            } catch (BuildFailure e) {
                throw SysrootAdvice.explain(module, e);
            }
        } finally {
            awaitQuietly(runtimeObjects);
        }
        List<Path> runtime = CompileSlots.result(runtimeObjects);
        stages.done("compilations");
        List<CompileCommand> commands = new ArrayList<>(compiled.commands());
        commands.addAll(plainLinux.commands());
        // the calling-convention check runs while the link is prepared and made (it writes only its own
        // record); the module is put in place only after it passed, and its failure is the one reported
        Future<Void> conventions = CompileSlots.EXECUTOR.submit(() -> {
            CallingConventionCheck.check(spec, compiledSources(module, compiled, invocations),
                    work.resolve("cc-check"), log);
            return null;
        });
        stages.done("calling-convention check started");

        Optional<CargoBuild.Output> rust = Optional.empty();
        if (request.rustCrate().isPresent()) {
            rust = Optional.of(CargoBuild.build(request.rustCrate().get(),
                    RustCrate.target(request.module().architecture()), tools, log));
        }

        // the module's code in link order: compiled sources, plain Linux code, prebuilt inputs, the Rust
        // crate, the runtime
        List<Path> objects = new ArrayList<>(compiled.objects());
        objects.addAll(plainLinux.objects());
        objects.addAll(linkInputs);
        rust.ifPresent(r -> objects.add(r.staticLibrary()));
        objects.addAll(runtime);
        // the static libraries among them: only prebuilt inputs and the Rust crate can be one (each is
        // opened once here; the compiled and runtime objects are not read for it)
        Set<Path> archives = new java.util.HashSet<>();
        for (Path input : linkInputs) {
            if (LinkInputs.isArchive(input)) {
                archives.add(input);
            }
        }
        rust.filter(r -> LinkInputs.isArchive(r.staticLibrary())).ifPresent(r -> archives.add(r.staticLibrary()));
        List<String> runtimeLibraries = new ArrayList<>();
        CxxRuntime cxxRuntime = request.cxxRuntime().orElse(hasCxx ? CxxRuntime.STATIC : CxxRuntime.NONE);
        runtimeLibraries.addAll(WinelibCxxFlags.libraryArguments(cxxRuntime, sysroot));
        if (rust.isPresent()) {
            runtimeLibraries.add("--push-state");
            runtimeLibraries.add("--as-needed");
            runtimeLibraries.addAll(rust.get().nativeLibraries());
            runtimeLibraries.add("--pop-state");
        }
        List<String> ldflags = new ArrayList<>(module.ldflags());
        ldflags.addAll(toolchain.libraries().linkArguments());
        if (!archives.isEmpty()) {
            // an entry function defined in a static library (a Rust crate's DllMain) is only
            // referenced weakly by the runtime, which would not take it out of the archive; unlike
            // --undefined, a glob takes it when an archive has it and asks for nothing otherwise
            ldflags.add(0, "--undefined-glob=" + request.entryPoint().orElse(ModuleRuntime.DEFAULT_ENTRY));
        }
        Path versionScript = work.resolve(LinkerScripts.VERSION_SCRIPT_NAME);
        Path orderingScript = work.resolve(LinkerScripts.ORDERING_SCRIPT_NAME);
        AtomicFiles.writeIfChanged(versionScript, LinkerScripts.versionScript().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeIfChanged(orderingScript, LinkerScripts.orderingScript().getBytes(StandardCharsets.UTF_8));

        Path output = request.outputFile().toAbsolutePath();
        Path stampFile = work.resolve(output.getFileName() + ".link.stamp");
        List<String> key = new ArrayList<>(WinelibLinkCommand.command(linker, sysroot, versionScript, orderingScript,
                work.resolve("module.o"), objects, ldflags, module.libraries(), runtimeLibraries, output));
        key.add("imports=" + request.imports());
        key.add("delay-imports=" + request.delayImports());
        key.add("default-imports=" + request.defaultImports());
        key.add("import-definitions=" + request.importDefinitions());
        key.add("module-file-name=" + spec.fileName());
        key.add("generator=" + generator);
        key.add("glibc-baseline=" + module.glibcBaseline().orElse("none"));
        key.add("c-runtime=" + request.cRuntime().configName());
        key.add("time-date-stamp=" + options.timeDateStamp());
        // the code that emits the module header and checks the result: a rebuilt snapshot links again
        key.add("code=" + CodeIdentity.of(WinelibBuilder.class, ModuleAssemblyEmitter.class, ModuleSpec.class)
                .replace('\n', ' '));
        List<Path> stampInputs = new ArrayList<>(objects);
        stampInputs.add(module.specFile().toAbsolutePath());
        stampInputs.addAll(request.importDefinitions());
        stampInputs.add(versionScript);
        stampInputs.add(orderingScript);
        // libraries from -L directories of ldflags and the sysroot, start files: a change relinks
        LinkInputFiles.of(key).stream().filter(f -> !f.equals(work.resolve("module.o").toAbsolutePath()))
                .forEach(stampInputs::add);
        // each input hashed once (the objects' hashes also find their symbol tables for the probe's key)
        List<Optional<String>> inputHashes = new ArrayList<>(stampInputs.size());
        for (Path input : stampInputs) {
            inputHashes.add(ContentHashes.sha256IfRegularFile(input));
        }
        String record = Stamp.of(key, stampInputs, inputHashes);
        List<Optional<String>> objectHashes = inputHashes.subList(0, objects.size());
        stages.done("link key");
        // linker messages name the sources of the objects and what the build's own files are
        ToolFileNames fileNames = ToolFileNames.none()
                .withObjects(compiledSources(module, compiled))
                .withObjects(sourceNames(module, module.unixSources(), plainLinux))
                .and(ModuleRuntime.fileNames(runtime))
                .with(versionScript, "winebuild-j's version script")
                .with(orderingScript, "winebuild-j's section-ordering script");
        // the keeping of the hashes and symbol tables, once started (keep)
        java.util.concurrent.atomic.AtomicReference<Future<Void>> keeping = new java.util.concurrent.atomic.AtomicReference<>();
        StampedOutput.HashedStep<WinelibImage> link = tmp -> {
            ModuleImports imports = resolveImports(request, spec, specSha256, options, archives, linker, sysroot,
                    versionScript, orderingScript, objects, ldflags, runtimeLibraries,
                    compiledSources(module, compiled), fileNames, exportLists, objectHashes, probeObject, work);
            stages.done("imports");
            Path moduleObject = writeModuleObject(spec, specSha256, options, imports, work);
            stages.done("module header object");
            List<String> command = WinelibLinkCommand.command(linker, sysroot, versionScript, orderingScript,
                    moduleObject, objects, ldflags, module.libraries(), runtimeLibraries, tmp);
            LinkerProcess.run(command, output.toString(), output.getFileName().toString(), work, log,
                    fileNames.with(moduleObject, ModuleObjectWriter.description(spec)).with(tmp, output.toString()));
            stages.done("link");
            // every input of the link is hashed and every object's symbols read by now: both are kept for the
            // next build on the other processor while this one checks the module (not while ld.lld runs,
            // which uses both)
            keeping.set(keep(hashes, symbolTables));
            // the linked file is read once: the constructor fix-up changes the file and the bytes read alike,
            // and every check shares one reading of them (and of its symbol table)
            ElfFile linkedFile;
            WinelibImage image;
            Future<String> linkedSha256;
            try {
                byte[] linkedBytes = InputFiles.readAll(tmp, InputFiles.BINARY_LIMIT);
                ConstructorFixup.apply(tmp, linkedBytes, output.toString());
                // the stamp's hash of the module is taken from these bytes while they are checked
                linkedSha256 = CompileSlots.EXECUTOR.submit(() -> Stamp.sha256(linkedBytes));
                stages.done("linked file read");
                linkedFile = ElfFile.parseEither(output.toString(), linkedBytes);
                image = PostLinkChecks.verify(linkedFile, spec, entry, Optional.of(imports));
            } catch (ElfFormatException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            stages.done("post-link checks");
            List<Path> referenceSources = new ArrayList<>(objects);
            if (cxxRuntime == CxxRuntime.STATIC) {
                WinelibCxxFlags.staticLibrary(sysroot).ifPresent(referenceSources::add);
            }
            GlibcBaselineGuard.check(module.glibcBaseline(), linkedFile, referenceSources,
                    request.outputFile().getFileName().toString(), "needs ", log);
            stages.done("glibc baseline");
            tmp.toFile().setExecutable(true, false);
            CompileSlots.result(conventions);
            stages.done("calling-convention check awaited");
            return new StampedOutput.Made<>(image, Optional.of(linkedSha256));
        };
        // the compilation database is written while the module is linked (its key hashes every command)
        Future<Void> database = CompileSlots.EXECUTOR.submit(() -> {
            writeCompilationDatabase(request.outputFile().toAbsolutePath().getParent(), commands, work);
            return null;
        });
        Optional<WinelibImage> linked;
        try {
            linked = StampedOutput.makeHashed(output, stampFile, record, link);
        } catch (BuildFailure | IOException | InterruptedException | RuntimeException e) {
            // the database is removed with the other outputs when the build fails: it must be written first
            awaitQuietly(database);
            if (keeping.get() != null) {
                awaitQuietly(keeping.get());
            }
            // a calling-convention failure comes first, as when the check ran before the link
            awaitQuietly(conventions);
            CompileSlots.result(conventions);
            throw e;
        }
        CompileSlots.result(conventions);
        CompileSlots.result(database);
        stages.done("compilation database awaited");
        stages.done("module in place");
        int compiledCount = compiled.compiled() + plainLinux.compiled();
        // a module kept from the last build: the hashes and symbol tables are kept while it is checked
        Future<Void> kept = keeping.get() != null ? keeping.get() : keep(hashes, symbolTables);
        WinelibImage image;
        try {
            if (linked.isPresent()) {
                image = linked.get();
            } else {
                log.info("up to date: " + output);
                image = check(output, spec, entry);
            }
        } finally {
            awaitQuietly(kept);
        }
        CompileSlots.result(kept);
        stages.done("hashes and symbol tables kept");
        Optional<BuildRecord.Files> files = Optional.empty();
        if (rust.isEmpty()) {
            // what a no-op build stats instead of all this: sources, headers, spec, link inputs, the sysroot's
            // libraries and the tools; the objects, runtime, scripts and module this build wrote
            Set<Path> inputs = new java.util.LinkedHashSet<>(compiled.inputs());
            inputs.addAll(plainLinux.inputs());
            inputs.add(module.specFile());
            inputs.addAll(request.importDefinitions());
            inputs.addAll(linkInputs);
            inputs.add(compiler);
            inputs.add(linker);
            List<Path> tools = new ArrayList<>(List.of(compiler, linker));
            invocations.values().forEach(i -> tools.add(i.compiler()));
            inputs.addAll(tools);
            // and their directories: a tool installed next to them (a newer ld.lld-NN) could be the one a
            // full build picks
            tools.stream().map(p -> p.toAbsolutePath().getParent()).forEach(inputs::add);
            Set<Path> outputs = new java.util.LinkedHashSet<>();
            outputs.add(output);
            outputs.add(stampFile);
            outputs.addAll(objects);
            outputs.add(versionScript);
            outputs.add(orderingScript);
            for (Path p : stampInputs) {
                if (!outputs.contains(p)) {
                    inputs.add(p);
                }
            }
            Map<Path, BuildRecord.Step> steps = new java.util.LinkedHashMap<>(compiled.steps());
            steps.putAll(plainLinux.steps());
            files = Optional.of(new BuildRecord.Files(inputs, new java.util.LinkedHashSet<>(outputs), List.of(),
                    steps));
        }
        stages.done("record files");
        return new BuildResult(output, compiledCount, linked.isPresent(), image, files);
    }

    /**
     * Writes the hashes of the files this build read ({@link ContentHashes#keep}) and the symbol tables of its
     * objects ({@link ObjectSymbolTables#keep}) for the next build, on two threads.
     */
    private static Future<Void> keep(Path hashes, Path symbolTables) {
        Future<Void> tables = CompileSlots.EXECUTOR.submit(() -> {
            ObjectSymbolTables.keep(symbolTables);
            return null;
        });
        return CompileSlots.EXECUTOR.submit(() -> {
            try {
                ContentHashes.keep(hashes);
            } finally {
                awaitQuietly(tables);
            }
            CompileSlots.result(tables);
            return null;
        });
    }

    /** Logs (at debug level) how long each stage of one build took, for finding where a build's time goes. */
    private static final class Stages {
        private final BuildLog log;
        private long start = System.nanoTime();

        Stages(BuildLog log) {
            this.log = log;
        }

        void done(String stage) {
            long now = System.nanoTime();
            log.debug("stage " + stage + ": " + (now - start) / 1_000_000 + " ms");
            start = now;
        }
    }

    /** The compilers of the plain Linux sources: the C compiler, and the C++ one when there is C++. */
    private Map<SourceLanguage, SourceCompiler.Invocation> plainLinuxInvocations(WinelibBuildRequest request,
            LinuxToolchain toolchain) throws BuildFailure {
        ModuleRequest module = request.module();
        Map<SourceLanguage, SourceCompiler.Invocation> invocations = new EnumMap<>(SourceLanguage.class);
        List<String> libraryCflags = toolchain.libraries().cflags();
        invocations.put(SourceLanguage.C, new SourceCompiler.Invocation(toolchain.compiler(),
                PlainLinuxFlags.c(module, List.of(), libraryCflags), module.compilerEnvironment()));
        if (module.unixSources().stream().anyMatch(p -> SourceLanguage.of(p).orElse(null) == SourceLanguage.CXX)) {
            invocations.put(SourceLanguage.CXX, new SourceCompiler.Invocation(cxxCompiler(request),
                    PlainLinuxFlags.cxx(module, toolchain.sysroot(), libraryCflags, request.cxxflags()),
                    module.compilerEnvironment()));
        }
        return invocations;
    }

    /** Each compiled object with the source it comes from, as the project names it. */
    private static Map<Path, String> compiledSources(ModuleRequest module, SourceCompiler.Outcome compiled) {
        return sourceNames(module, module.sources(), compiled);
    }

    /** Each object of {@code compiled} with the source of {@code sources} it comes from, as the project names it. */
    private static Map<Path, String> sourceNames(ModuleRequest module, List<Path> sources,
            SourceCompiler.Outcome compiled) {
        return compiled.objectSources(sources, module.baseDirectory().orElse(Path.of("")));
    }

    /** The compiled sources with their objects and compilers, for the calling-convention check. */
    private static List<CallingConventionCheck.CompiledSource> compiledSources(ModuleRequest module,
            SourceCompiler.Outcome compiled, Map<SourceLanguage, SourceCompiler.Invocation> invocations) {
        Map<Path, String> names = compiledSources(module, compiled);
        List<CallingConventionCheck.CompiledSource> sources = new ArrayList<>();
        for (int i = 0; i < compiled.objects().size(); i++) {
            Path source = module.sources().get(i);
            Path object = compiled.objects().get(i);
            SourceLanguage language = SourceLanguage.of(source).orElseThrow();
            sources.add(new CallingConventionCheck.CompiledSource(source, object, language, invocations.get(language),
                    names.get(object)));
        }
        return sources;
    }

    /** The C++ compiler: configured, or the one that goes with the C compiler. */
    private Path cxxCompiler(WinelibBuildRequest request) throws BuildFailure {
        String name = request.cxxCompiler().or(() -> WinelibCxxFlags.driverFor(request.module().compiler()))
                .orElseThrow(() -> new BuildFailure("no C++ compiler goes with the C compiler '"
                        + request.module().compiler()
                        + "': configure the C++ compiler (cxxCompiler) to compile the C++ sources"));
        try {
            return tools.require(name, ToolLocator.debianPackageOfCompiler(name), "to compile C++ sources");
        } catch (ToolNotFoundException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    private static void awaitQuietly(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            // reported by result(), or superseded by the failure being thrown
        }
    }

    /** The entry point of every module: runs the constructors, then DllMain (see runtime/entry.c). */
    public static final String ENTRY_SYMBOL = ModuleRuntime.DLL_ENTRY;

    private List<Path> compileRuntime(WinelibBuildRequest request, ModuleSpec spec, Path compiler, Path work)
            throws IOException, InterruptedException, BuildFailure {
        return ModuleRuntime.dllObjects(runtimeCache, work.resolve("runtime"), compiler, request.module().sysroot(),
                request.module().architecture(), spec, !request.delayImports().isEmpty(),
                request.entryPoint().orElse(ModuleRuntime.DEFAULT_ENTRY), BuildLog.silent());
    }

    /**
     * The module header object; kept from the last build when made from the same spec content, options,
     * imports and code ({@link ModuleObjectWriter#writeOrKeep}).
     */
    private Path writeModuleObject(ModuleSpec spec, Optional<String> specSha256, ModuleOptions options,
            ModuleImports imports, Path directory) throws IOException, BuildFailure {
        try {
            ModuleObjectWriter writer = new ModuleObjectWriter(generator, log);
            return specSha256.isPresent() ? writer.writeOrKeep(spec, specSha256.get(), options, imports, directory)
                    : writer.write(spec, options, imports, directory);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(spec.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Links once without imports to learn what neither the objects nor the sysroot's libraries
     * define, and imports those symbols from the module's DLLs.
     *
     * @param probeObjectWritten the probe's module object (the spec without imports), written ahead; taken
     *     only when the probe links
     */
    private ModuleImports resolveImports(WinelibBuildRequest request, ModuleSpec spec, Optional<String> specSha256,
            ModuleOptions options, Set<Path> archives, Path linker, SysrootLayout sysroot, Path versionScript,
            Path orderingScript, List<Path> objects,
            List<String> ldflags, List<String> runtimeLibraries, Map<Path, String> objectNames, ToolFileNames fileNames,
            ExportLists exportLists, List<Optional<String>> objectHashes, Future<Path> probeObjectWritten, Path work)
            throws IOException, InterruptedException, BuildFailure {
        Path probeDir = work.resolve("probe");
        Path probeOutput = probeDir.resolve("probe.so");
        Path probeObjectPath = probeDir.resolve(spec.fileName() + ".spec.o");
        List<String> baseCommand = WinelibLinkCommand.command(linker, sysroot, versionScript, orderingScript,
                probeObjectPath, objects, ldflags, request.module().libraries(), runtimeLibraries, probeOutput);
        // what the probe finds depends on the objects' symbols, not on their code: after an edit that kept
        // every object's symbols (and everything else the probe reads), its last outcome stands
        Path outcomeFile = probeDir.resolve("probe.outcome");
        Optional<String> outcomeKey = probeKey(baseCommand, probeObjectPath, specSha256, spec, options, archives,
                objects, objectHashes, versionScript, orderingScript, ldflags);
        Optional<ProbeOutcome> kept = outcomeKey.flatMap(k -> ProbeOutcome.recall(outcomeFile, k));
        Set<String> hidden;
        String probeText;
        if (kept.isPresent()) {
            log.debug("probe link skipped: the objects' symbols and the link's inputs are as in the last build");
            hidden = kept.get().hidden();
            probeText = kept.get().output();
        } else {
            Files.deleteIfExists(outcomeFile);
            Path probeObject = CompileSlots.result(probeObjectWritten);
            ToolFileNames probeNames = fileNames.with(probeObject, ModuleObjectWriter.description(spec))
                    .with(probeOutput, request.outputFile().toString())
                    .with(probeDir.resolve("placeholders.o"), "winebuild-j's placeholders of hidden symbols");
            // symbols used with hidden visibility cannot stay undefined even in a probe: give them placeholders
            hidden = new java.util.TreeSet<>(ObjectSymbols.undefinedNonDefault(
                    objects.stream().filter(o -> !archives.contains(o)).toList()));
            ProcessRunner.Result probe;
            List<String> command;
            while (true) {
                List<Path> probeObjects = new ArrayList<>(objects);
                if (!hidden.isEmpty()) {
                    probeObjects.add(placeholders(hidden, probeDir.resolve("placeholders.o"), spec.cpu()));
                }
                command = new ArrayList<>(WinelibLinkCommand.command(linker, sysroot, versionScript, orderingScript,
                        probeObject, probeObjects, ldflags, request.module().libraries(), runtimeLibraries,
                        probeOutput));
                command.add(1, "--warn-unresolved-symbols");
                command.add(2, "--error-limit=0");
                command.add(3, "--no-demangle");
                log.debug(String.join(" ", command));
                probe = LinkerProcess.result(command, work);
                Files.deleteIfExists(probeOutput);
                // members taken from static libraries can use hidden symbols the objects do not: once more with those
                Set<String> more = new java.util.TreeSet<>();
                for (UndefinedSymbols.Symbol s : UndefinedSymbols.parseNonDefault(probe.output())) {
                    if (!hidden.contains(s.name())) {
                        more.add(s.name());
                    }
                }
                if (more.isEmpty()) {
                    break;
                }
                hidden.addAll(more);
            }
            if (probe.exitCode() != 0) {
                // a library the sysroot lacks fails here first: say which package has it
                throw SysrootAdvice.explain(request.module(), LinkerProcess.failure("linking "
                        + request.outputFile().getFileName(), command, probe, probeNames));
            }
            probeText = probe.output();
        }
        ModuleImports imports = importsFromProbe(request, spec, sysroot, objects, objectNames, hidden, probeText,
                exportLists);
        if (kept.isEmpty() && outcomeKey.isPresent()) {
            // only an outcome that resolved is kept: a failure is reported from a probe of its own
            ProbeOutcome.keep(outcomeFile, outcomeKey.get(), new ProbeOutcome(hidden, probeText));
        }
        return imports;
    }

    /**
     * What a probe link depends on, or empty when it cannot be told without the objects' code (a
     * {@code --gc-sections} link keeps or drops references by their sections): the command, the spec and
     * options of the probe's module object, each object's global symbols (an archive's content), and the
     * content of the libraries and scripts the link reads.
     */
    private Optional<String> probeKey(List<String> command, Path probeObject, Optional<String> specSha256,
            ModuleSpec spec, ModuleOptions options, Set<Path> archives, List<Path> objects,
            List<Optional<String>> objectHashes, Path versionScript, Path orderingScript, List<String> ldflags)
            throws IOException {
        String code = CodeIdentity.of(WinelibBuilder.class, ModuleAssemblyEmitter.class, ModuleSpec.class);
        if (ldflags.stream().anyMatch(f -> f.contains("gc-sections")) || specSha256.isEmpty()
                || !CodeIdentity.known(code)) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("probe 1\n").append(generator).append('\n').append(code).append('\n');
        command.forEach(a -> b.append("arg ").append(a.replace('\n', ' ')).append('\n'));
        b.append("spec ").append(specSha256.get()).append(' ').append(spec.fileName()).append(' ')
                .append(spec.cpu()).append(' ').append(options).append('\n');
        for (int i = 0; i < objects.size(); i++) {
            Path object = objects.get(i);
            if (archives.contains(object)) {
                b.append("archive ").append(object).append(' ').append(objectHashes.get(i).isPresent()
                        ? objectHashes.get(i).get() : ContentHashes.sha256(object)).append('\n');
                continue;
            }
            ObjectSymbolTables.Table table;
            try {
                table = ObjectSymbolTables.of(object, objectHashes.get(i));
            } catch (dev.winelib.toolchain.elf.ElfFormatException e) {
                return Optional.empty(); // the probe says what is wrong with it
            }
            b.append("object ").append(object).append(' ').append(table.relocatable()).append('\n');
            for (ObjectSymbolTables.Symbol s : table.symbols()) {
                b.append(s.defined() ? "d " : "u ").append(s.binding()).append(' ').append(s.type()).append(' ')
                        .append(s.visibility()).append(' ').append(s.name().replace('\n', ' ')).append('\n');
            }
        }
        // the libraries and start files (the objects are keyed by their symbols, the probe's module object by
        // the spec and options)
        Set<Path> keyed = new java.util.HashSet<>();
        objects.forEach(o -> keyed.add(o.toAbsolutePath().normalize()));
        keyed.add(probeObject.toAbsolutePath().normalize());
        List<Path> read = new ArrayList<>();
        for (Path p : LinkInputFiles.of(command)) {
            if (!keyed.contains(p.toAbsolutePath().normalize())) {
                read.add(p);
            }
        }
        read.add(versionScript);
        read.add(orderingScript);
        for (Path p : read) {
            b.append("input ").append(p).append(' ')
                    .append(ContentHashes.sha256IfRegularFile(p).orElse("missing")).append('\n');
        }
        return Optional.of(Stamp.sha256(b.toString()));
    }

    /** The imports that resolve what the probe link left undefined (and the hidden symbols). */
    private ModuleImports importsFromProbe(WinelibBuildRequest request, ModuleSpec spec, SysrootLayout sysroot,
            List<Path> objects, Map<Path, String> objectNames, Set<String> hidden, String probeOutput,
            ExportLists lists) throws IOException, BuildFailure {
        List<UndefinedSymbols.Symbol> undefined = new ArrayList<>();
        for (String name : hidden) {
            undefined.add(new UndefinedSymbols.Symbol(name, List.of()));
        }
        undefined.addAll(UndefinedSymbols.parse(probeOutput));
        if (undefined.isEmpty()) {
            return CRuntimeImports.add(ModuleImports.none(), request.cRuntime(), objects, lists);
        }
        List<String> dlls = request.allImports();
        ImportResolver.Resolution resolution = ImportResolver.resolve(undefined, dlls,
                new java.util.LinkedHashSet<>(request.delayImports()), lists);
        if (!resolution.unresolved().isEmpty()) {
            UndefinedExports.check(spec, resolution.unresolved().stream().map(UndefinedSymbols.Symbol::name).toList(),
                    objectNames);
            List<String> libraries = new ArrayList<>();
            for (String lib : request.module().libraries()) {
                libraries.add("lib" + lib);
            }
            libraries.addAll(List.of("libc", "libgcc", "libgcc_s"));
            libraries.add("in " + sysroot.libraryDirectories().stream().map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
            throw new BuildFailure(ImportResolver.unresolvedMessage(resolution.unresolved(), dlls, lists, libraries));
        }
        for (var dll : resolution.imports().dlls()) {
            log.debug("imports from " + dll.dllName() + (dll.delayed() ? " (delayed)" : "") + ": "
                    + dll.functions().stream().map(f -> f.symbol()).toList());
        }
        return CRuntimeImports.add(resolution.imports(), request.cRuntime(), objects, lists);
    }

    /**
     * Reads the export lists of {@code dlls} into {@code lists}' cache, so that resolving the imports later
     * finds them read; a list that cannot be read is left for that resolution to report.
     */
    private static Void readAhead(ExportLists lists, List<String> dlls) {
        for (String dll : dlls) {
            try {
                lists.find(dll);
            } catch (dev.winelib.toolchain.imports.ImportException | RuntimeException e) {
                // reported when the imports are resolved
            }
        }
        return null;
    }

    /** An object with a weak hidden placeholder for each symbol, so that a probe link can complete. */
    private static Path placeholders(Set<String> names, Path object, dev.winelib.spec.TargetCpu cpu)
            throws IOException, BuildFailure {
        StringBuilder asm = new StringBuilder("\t.text\n");
        for (String name : names) {
            String sym = dev.winelib.asm.AsmText.symbol(name);
            asm.append("\t.weak ").append(sym).append("\n\t.hidden ").append(sym).append('\n').append(sym)
                    .append(":\n\tret\n");
        }
        asm.append("\t.section .note.GNU-stack,\"\",@progbits\n");
        dev.winelib.toolchain.build.AtomicFiles.writeIfChanged(object,
                ModuleAssembler.toObject(asm.toString(), object.getFileName() + ".s", cpu));
        return object;
    }

    private static WinelibImage check(Path file, ModuleSpec spec, Optional<String> entry) throws BuildFailure,
            IOException {
        try {
            return PostLinkChecks.verify(ElfFile.readEither(file), spec, entry);
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    /** The full C++ compiler flag list for a request, without the source and output names. */
    static List<String> cxxCompileFlags(WinelibBuildRequest request, SysrootLayout sysroot) throws BuildFailure {
        List<String> flags = new ArrayList<>(WinelibCxxFlags.baseFlags(request.module().architecture()));
        flags.addAll(CompileFlags.sysroot(request.module()));
        flags.addAll(WinelibCxxFlags.headerFlags(sysroot));
        flags.addAll(CompileFlags.includes(request.module()));
        flags.addAll(WinelibCFlags.wineIncludeFlags());
        flags.addAll(request.cxxflags());
        return flags;
    }

    /** The full compiler flag list for a request, without the source and output names. */
    static List<String> compileFlags(WinelibBuildRequest request) throws BuildFailure {
        List<String> flags = new ArrayList<>(WinelibCFlags.baseFlags(request.module().architecture()));
        flags.addAll(CompileFlags.sysroot(request.module()));
        flags.addAll(CompileFlags.includes(request.module()));
        if (request.cRuntime().fromWine()) {
            flags.addAll(WinelibCFlags.wineCRuntimeFlags());
        }
        flags.addAll(WinelibCFlags.wineIncludeFlags());
        flags.addAll(request.module().cflags());
        return flags;
    }

}
