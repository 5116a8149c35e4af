package dev.winelib.toolchain.module;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.winelib.asm.AsmText;
import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.asm.elf.RelocatableMerger;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.sysroot.Architecture;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.ModuleCpu;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.TemporaryFiles;
import dev.winelib.toolchain.check.UndefinedExports;
import dev.winelib.toolchain.compile.CRuntime;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.link.LinkerProcess;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolFileNames;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * The module object for a link done by someone else (winegcc, a Makefile), as winebuild's
 * {@code --dll}/{@code --exe} modes write it: the module header (NT header, exports, imports,
 * resources) and the runtime (entry point, executable start-up, stub and delay-load helpers),
 * merged into one relocatable object with {@code ld -r}.
 *
 * <p>What the module imports is found as winebuild finds it: its objects, the runtime and the
 * archives given (Wine's Unix import libraries, static libraries such as libwinecrt0) are merged
 * with {@code ld -r} together with references to the exported functions and the {@code -u}
 * symbols; the thunks pulled from import libraries name their DLL; other undefined symbols are
 * looked up in the export lists of the DLLs imported with {@code -l}, {@code -d}, {@code .def}
 * files and import libraries. Symbols nothing imports are left for the final link, except exported
 * functions, which must be defined. The C library always wins: what the sysroot's system libraries
 * define is never imported.
 */
public final class RelocatableModule {

    /**
     * What to build.
     *
     * @param spec the module's exports ({@link ModuleSpec#withoutExports} for an executable without spec)
     * @param options the header values (subsystem, characteristics, ...); the entry point is the runtime's
     * @param unicode for an executable: start at wmain (wWinMain) instead of main (WinMain)
     * @param objects the module's objects
     * @param archives archives given with the objects: Wine import libraries and static libraries
     * @param importDefinitions {@code .def}/{@code .spec} files of DLLs to import from
     * @param imports DLLs to import from ({@code -l}), most preferred first
     * @param delayImports DLLs to load on first use ({@code -d})
     * @param libraryPath directories searched for {@code libDLL.def} export lists ({@code -L})
     * @param extraSymbols symbols to treat as used ({@code -u}): imported when a DLL exports them
     * @param entryFunction for a DLL, the function called after the constructors (default DllMain);
     *     for an executable, a function to start at instead of main
     * @param resources the module's resources
     * @param externalSymbols whether exported functions may stay undefined for the final link
     *     (winebuild's {@code --external-symbols}); otherwise they must be defined or imported
     * @param output the object to write
     * @param cRuntime the C runtime the objects were compiled for: with one of Wine's (winegcc
     *     {@code -mno-cygwin}), C functions are imported from the DLLs like any other function
     */
    public record Request(ModuleSpec spec, ModuleOptions options, boolean unicode, List<Path> objects,
            List<Path> archives, List<Path> importDefinitions, List<String> imports, List<String> delayImports,
            List<Path> libraryPath, List<String> extraSymbols, Optional<String> entryFunction,
            ResourceTable resources, boolean externalSymbols, Path output, CRuntime cRuntime) {
        public Request {
            java.util.Objects.requireNonNull(cRuntime, "cRuntime");
            objects = List.copyOf(objects);
            archives = List.copyOf(archives);
            importDefinitions = List.copyOf(importDefinitions);
            imports = List.copyOf(imports);
            delayImports = List.copyOf(delayImports);
            libraryPath = List.copyOf(libraryPath);
            extraSymbols = List.copyOf(extraSymbols);
        }

        /** A request for objects compiled against the C library. */
        public Request(ModuleSpec spec, ModuleOptions options, boolean unicode, List<Path> objects,
                List<Path> archives, List<Path> importDefinitions, List<String> imports, List<String> delayImports,
                List<Path> libraryPath, List<String> extraSymbols, Optional<String> entryFunction,
                ResourceTable resources, boolean externalSymbols, Path output) {
            this(spec, options, unicode, objects, archives, importDefinitions, imports, delayImports, libraryPath,
                    extraSymbols, entryFunction, resources, externalSymbols, output, CRuntime.GLIBC);
        }

        /** Whether the module is an executable (IMAGE_FILE_DLL is not set). */
        public boolean executable() {
            return !options.isDll();
        }
    }

    /**
     * The programs to use.
     *
     * @param compiler compiles the runtime (the generated assembly is assembled in the process)
     * @param linker merges objects ({@code ld -r}) that cannot be merged in the process (archives, LTO
     *     objects): ld.lld or GNU ld, looked up only when needed
     * @param runtimeCache where compiled runtimes are kept between builds ({@link RuntimeCache}); when
     *     empty, the runtime is compiled in the build's temporary directory
     */
    public record Tools(ToolCommand compiler, Linker linker, Optional<Path> runtimeCache) {

        /** Tools with a linker found before the build. */
        public Tools(ToolCommand compiler, ToolCommand linker, Optional<Path> runtimeCache) {
            this(compiler, () -> linker, runtimeCache);
        }

        /** Tools compiling the runtime afresh for every build. */
        public Tools(ToolCommand compiler, ToolCommand linker) {
            this(compiler, linker, Optional.empty());
        }

        /** The linker; one that cannot be found fails the build with the lookup's message. */
        ToolCommand requireLinker() throws BuildFailure {
            try {
                return linker.find();
            } catch (ToolNotFoundException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
    }

    /** Finds the linker when a build first needs one (most builds merge in the process and need none). */
    @FunctionalInterface
    public interface Linker {
        ToolCommand find() throws ToolNotFoundException;
    }

    /**
     * What was built.
     *
     * @param imports what the module imports
     * @param unresolved symbols left for the final link
     * @param warnings what winebuild reports with {@code -w}
     * @param temporaries where the intermediate files were kept, when asked to
     */
    public record Result(ModuleImports imports, List<String> unresolved, List<String> warnings,
            Optional<Path> temporaries) {
    }

    private RelocatableModule() {
    }

    /** Builds the object; with {@code keepTemporaries} the intermediate files stay in a directory next to it. */
    public static Result build(Request request, Tools tools, SysrootLayout sysroot, String generator, BuildLog log,
            boolean keepTemporaries) throws IOException, InterruptedException, BuildFailure {
        ModuleObjectWriter.checkLinkable(request.spec());
        Path output = request.output().toAbsolutePath();
        Files.createDirectories(output.getParent());
        WorkDirectory work = new WorkDirectory(output, keepTemporaries);
        boolean done = false;
        try {
            Result result = build(request, tools, sysroot, generator, log, work, output);
            done = true;
            return keepTemporaries ? new Result(result.imports(), result.unresolved(), result.warnings(),
                    Optional.of(work.path())) : result;
        } finally {
            work.close(done);
        }
    }

    /**
     * The directory for intermediate files, made when a step first needs one: a build that finds its
     * runtime in the cache and merges in the process writes nothing but its output. Kept intermediate
     * files go next to the output; others in a work directory that even an interrupted run removes
     * ({@link TemporaryFiles}).
     */
    private static final class WorkDirectory {
        private final Path output;
        private final boolean keep;
        private Path path;

        WorkDirectory(Path output, boolean keep) {
            this.output = output;
            this.keep = keep;
        }

        /** Whether the intermediate files are kept: then all of them are written. */
        boolean keep() {
            return keep;
        }

        Path path() throws IOException {
            if (path == null) {
                path = keep ? Files.createTempDirectory(output.getParent(), "." + output.getFileName() + ".work")
                        : TemporaryFiles.workDirectory(output.getFileName().toString());
            }
            return path;
        }

        Path resolve(String name) throws IOException {
            return path().resolve(name);
        }

        void close(boolean done) {
            if (path != null && (!keep || !done)) {
                TemporaryFiles.delete(path);
            }
        }
    }

    private static Result build(Request request, Tools tools, SysrootLayout sysroot, String generator, BuildLog log,
            WorkDirectory work, Path output) throws IOException, InterruptedException, BuildFailure {
        ModuleSpec spec = request.spec();
        boolean executable = request.executable();
        Architecture architecture = ModuleCpu.architecture(spec.cpu());
        ModuleRuntime.Pieces pieces = new ModuleRuntime.Pieces(executable, request.unicode(), request.entryFunction(),
                ModuleRuntime.hasStubs(spec), !request.delayImports().isEmpty(), false, architecture);
        List<Path> runtime = runtime(tools, sysroot, pieces, work, log);

        CombinedObject combined = combine(request, tools, referencedNames(request), work, log);
        if (executable && request.entryFunction().isEmpty()
                && !combined.defined().contains(request.unicode() ? "wmain" : "main")) {
            // the program defines only (w)WinMain: add the main that calls it
            pieces = new ModuleRuntime.Pieces(true, request.unicode(), Optional.empty(), pieces.stubs(),
                    pieces.delayImports(), true, architecture);
            runtime = runtime(tools, sysroot, pieces, work, log);
        }

        Set<String> systemSymbols = SystemLibrarySymbols.of(sysroot, tools.runtimeCache());
        Set<String> runtimeNeeds = runtimeNeeds(runtime);
        List<Path> definitions = new ArrayList<>(request.importDefinitions());
        List<String> dlls = new ArrayList<>(request.imports());
        // loops and plain conditions rather than lambdas on this path: each lambda's call site is linked on its
        // first use, which every short run of the command line pays (Java 17)
        for (String dll : request.imports()) {
            Optional<Path> definition = findDefinition(dll, request.libraryPath());
            if (definition.isPresent()) {
                definitions.add(definition.get());
            }
        }
        for (String dll : request.delayImports()) {
            Optional<Path> definition = findDefinition(dll, request.libraryPath());
            if (definition.isPresent() && !definitions.contains(definition.get())) {
                definitions.add(definition.get());
            }
        }
        List<Path> importLibraries = new ArrayList<>();
        ExportLists lists;
        try {
            List<String> fromLibraries = new ArrayList<>();
            for (Path archive : request.archives()) {
                List<String> imported;
                try {
                    imported = ExportLists.importedDlls(archive);
                } catch (ImportException e) {
                    // not readable as an import library (members that are not ELF objects): a static
                    // library to ld; thunks it holds still show in the merged object
                    log.debug(archive + " is not read as an import library: " + e.getMessage());
                    imported = List.of();
                }
                if (!imported.isEmpty()) {
                    importLibraries.add(archive);
                    fromLibraries.addAll(imported);
                }
            }
            lists = ExportLists.standard(definitions, importLibraries, spec.cpu());
            for (String dll : lists.definedDlls()) {
                for (Path p : request.importDefinitions()) {
                    if (definesDll(p, dll, lists)) {
                        addOnce(dlls, dll);
                        break;
                    }
                }
            }
            for (String d : fromLibraries) {
                addOnce(dlls, d);
            }
        } catch (ImportException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        for (String d : request.delayImports()) {
            addOnce(dlls, d);
        }

        ObjectImports.Plan plan = ObjectImports.plan(combined.undefined(), combined.defined(), runtimeNeeds,
                systemSymbols, request.cRuntime().fromWine(), dlls,
                new LinkedHashSet<>(request.delayImports()), request.imports(), lists);
        if (!request.externalSymbols() && (!request.objects().isEmpty() || !request.archives().isEmpty())) {
            checkExportsDefined(spec, plan);
        }

        ModuleOptions options = request.options().withEntryPoint(pieces.entrySymbol()).withStubRuntime();
        ModuleAssemblyEmitter emitter = new ModuleAssemblyEmitter(generator);
        String what = spec.fileName() + ".spec.s";
        String headerName = ModuleObjectWriter.description(spec);
        RelocatableMerger.Input header;
        try {
            if (work.keep()) {
                String assembly = emitter.emit(spec, options, plan.imports(), request.resources());
                Files.writeString(work.resolve("module.s"), assembly);
                header = new RelocatableMerger.Input(headerName, ModuleAssembler.toObject(assembly, what, spec.cpu()));
                Files.write(work.resolve("module.o"), header.bytes());
            } else {
                // the text goes straight into the assembler, piece by piece: it never exists whole, and the
                // object goes to the merge as assembled, without being written and read back
                ModuleImports imports = plan.imports();
                header = RelocatableMerger.Input.of(headerName, ModuleAssembler.toAssembled(new Consumer<Writer>() {
                    @Override
                    public void accept(Writer out) {
                        emitter.emit(spec, options, imports, request.resources(), out);
                    }
                }, what, spec.cpu()));
            }
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(spec.source() + ": " + e.getMessage(), e);
        }
        Optional<byte[]> inProcess = ObjectMerging.mergeInProcess(header, runtime, output, log);
        if (inProcess.isPresent()) {
            if (work.keep()) {
                Files.write(work.resolve("merged.o"), inProcess.get());
            }
            AtomicFiles.write(output, inProcess.get());
        } else {
            Path headerFile = work.resolve("module.o");
            Files.write(headerFile, header.bytes() != null ? header.bytes() : header.assembled().bytes());
            Path merged = work.resolve("merged.o");
            List<String> args = new ArrayList<>(List.of("-r", "-o", merged.toString(), headerFile.toString()));
            for (Path o : runtime) {
                args.add(o.toString());
            }
            List<String> command = tools.requireLinker().commandLine(args);
            log.debug(String.join(" ", command));
            LinkerProcess.check("merging the module object " + output.getFileName(), command, work.path(),
                    ModuleRuntime.fileNames(runtime).with(headerFile, headerName)
                            .with(merged, request.output().toString()));
            AtomicFiles.copy(merged, output);
        }
        return new Result(plan.imports(), plan.unresolved(), plan.warnings(), Optional.empty());
    }

    /** The runtime objects for {@code pieces}: from the cache ({@link RuntimeCache#cachedObjects}) or compiled in the work directory. */
    private static List<Path> runtime(Tools tools, SysrootLayout sysroot, ModuleRuntime.Pieces pieces,
            WorkDirectory work, BuildLog log) throws IOException, InterruptedException, BuildFailure {
        Optional<List<Path>> cached = RuntimeCache.cachedObjects(tools.runtimeCache(), tools.compiler(), sysroot.sysroot(),
                pieces, log);
        return cached.isPresent() ? cached.get()
                : List.copyOf(ModuleRuntime.compile(work.resolve("runtime"), tools.compiler(), sysroot.sysroot(), pieces,
                        log));
    }

    /** The exported functions, the {@code -u} symbols and what an executable's entry point calls. */
    private static Set<String> referencedNames(Request request) throws BuildFailure {
        List<ExportEntry> entries = request.spec().entries();
        // sized for every target at once: no rehashing while a large spec's names go in
        int expected = entries.size() + request.extraSymbols().size() + 1;
        Set<String> names = new LinkedHashSet<>(Math.max(16, expected * 4 / 3 + 1));
        for (ExportEntry e : entries) {
            if (UndefinedExports.needsDefinition(e)) {
                names.add(e.target());
            }
        }
        names.addAll(request.extraSymbols());
        if (request.executable()) {
            // what the executable's entry point calls: pulled from archives that define it
            names.add(request.entryFunction().orElse(request.unicode() ? "wmain" : "main"));
        }
        for (String name : names) {
            try {
                AsmText.symbol(name);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure("symbol '" + name + "' cannot be referenced: " + e.getMessage(), e);
            }
        }
        return names;
    }

    /**
     * An object referring to each of {@code names}, so that merging pulls what defines them from the
     * archives and what nothing defines shows as undefined.
     */
    private static Optional<Path> referencesObject(Set<String> names, WorkDirectory work, TargetCpu cpu)
            throws IOException, BuildFailure {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder asm = new StringBuilder("\t.data\n");
        String pointer = cpu == TargetCpu.I386 ? "\t.long " : "\t.quad ";
        for (String name : names) {
            asm.append(pointer).append(AsmText.symbol(name)).append('\n');
        }
        asm.append("\t.section .note.GNU-stack,\"\",@progbits\n");
        Path object = work.resolve("references.o");
        AtomicFiles.writeIfChanged(object, ModuleAssembler.toObject(asm.toString(), "the symbol references", cpu));
        return Optional.of(object);
    }


    /**
     * The objects and archives merged. The runtime is left out: what it needs comes from kernel32 and
     * ntdll, never from a DLL the module happens to import (shlwapi also exports DelayLoadFailureHook).
     */
    private static CombinedObject combine(Request request, Tools tools, Set<String> referenced, WorkDirectory work,
            BuildLog log) throws IOException, InterruptedException, BuildFailure {
        if (request.archives().isEmpty()) {
            // no archive members to pick: what the objects define and use, and the references, is all
            Optional<CombinedObject> objects = CombinedObject.ofObjects(request.objects(), Path.of("combined.o"),
                    log);
            if (objects.isPresent()) {
                return objects.get().referencing(referenced);
            }
        }
        Optional<Path> references = referencesObject(referenced, work, request.spec().cpu());
        List<Path> inputs = new ArrayList<>();
        if (references.isPresent()) {
            inputs.add(references.get());
        }
        inputs.addAll(request.objects());
        inputs.addAll(request.archives());
        // messages name the user's objects as given; the build's own files as what they are
        ToolFileNames names = ToolFileNames.none()
                .with(work.resolve("combined.o"), "the objects of " + request.output() + " merged")
                .and(references.map(r -> ToolFileNames.none().with(r, "the references to the functions "
                        + request.spec().source() + " exports")).orElse(ToolFileNames.none()));
        return CombinedObject.combine(tools.requireLinker(), inputs, work.resolve("combined.o"), names, log);
    }

    /** What the runtime objects use and do not define themselves. */
    private static Set<String> runtimeNeeds(List<Path> runtime) throws IOException, BuildFailure {
        Set<String> undefined = new TreeSet<>();
        Set<String> defined = new TreeSet<>();
        for (Path object : runtime) {
            CombinedObject symbols = CombinedObject.read(object);
            undefined.addAll(symbols.undefined());
            defined.addAll(symbols.defined());
        }
        undefined.removeAll(defined);
        return undefined;
    }

    /** Fails, naming each in the spec, when exported functions are neither defined nor imported. */
    private static void checkExportsDefined(ModuleSpec spec, ObjectImports.Plan plan) throws BuildFailure {
        List<String> problems = UndefinedExports.problems(spec, plan.unresolved());
        if (!problems.isEmpty()) {
            throw new BuildFailure(String.join("\n", problems) + "\nDefine it in the module's objects, or import the"
                    + " DLL that exports it (-l DLL or its import library).");
        }
    }

    private static Optional<Path> findDefinition(String dll, List<Path> libraryPath) {
        String stem = dll.toLowerCase(Locale.ROOT).endsWith(".dll") ? dll.substring(0, dll.length() - 4) : dll;
        for (Path dir : libraryPath) {
            Path def = dir.resolve("lib" + stem + ".def");
            if (Files.isRegularFile(def)) {
                return Optional.of(def);
            }
        }
        return Optional.empty();
    }

    private static boolean definesDll(Path definitionFile, String dll, ExportLists lists) {
        try {
            Optional<dev.winelib.toolchain.imports.DllExports> exports = lists.find(dll);
            return exports.isPresent() && exports.get().source().equals(definitionFile.toString());
        } catch (ImportException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

}
