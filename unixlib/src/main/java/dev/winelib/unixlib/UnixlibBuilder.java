package dev.winelib.unixlib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.LinuxToolchain;
import dev.winelib.toolchain.build.ModuleBuilder;
import dev.winelib.toolchain.build.ModuleInputs;
import dev.winelib.toolchain.build.ModuleRequest;
import dev.winelib.toolchain.build.Stamp;
import dev.winelib.toolchain.build.StampedOutput;
import dev.winelib.toolchain.build.SysrootAdvice;
import dev.winelib.toolchain.check.GlibcBaselineGuard;
import dev.winelib.toolchain.check.UndefinedExports;
import dev.winelib.toolchain.compile.CompileCommand;
import dev.winelib.toolchain.compile.CompileFlags;
import dev.winelib.toolchain.compile.PlainLinuxFlags;
import dev.winelib.toolchain.compile.SourceLanguage;
import dev.winelib.toolchain.compile.SourceCompiler;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.implib.WindowsLinkFiles;
import dev.winelib.toolchain.imports.ImportException;
import dev.winelib.toolchain.link.LinkInputFiles;
import dev.winelib.toolchain.link.LinkerProcess;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;
import dev.winelib.toolchain.process.ToolLocator;
import dev.winelib.toolchain.process.ToolNotFoundException;

/**
 * Builds a unixlib module: the PE half {@code NAME.dll} and the Unix half {@code NAME.so}, from
 * the module's {@code .spec}, its {@code .unixcalls} declaration and the C sources of each half.
 *
 * <ol>
 * <li>Generate {@code PREFIX_unixcalls.h} (shared by both halves), the helper
 * {@code winelib_unixlib.h}, the Unix call table, the PE {@code .def} file and the stubs.</li>
 * <li>Unix half: compile with the configured compiler against the sysroot, check that every call
 * has its implementation, link with ld.lld, check the exports and the glibc baseline.</li>
 * <li>PE half: compile with mingw, make the ntdll import library with dlltool, link, write the
 * Wine builtin mark, check the exports against the spec.</li>
 * <li>Only when both halves are good, put both in the output directory.</li>
 * </ol>
 * With a configured {@link UnixlibBuildRequest#outputTimestamp() time}, every compiler of both
 * halves runs with {@code SOURCE_DATE_EPOCH} set to it and the DLL's TimeDateStamps hold it;
 * without one, the DLL's TimeDateStamps are 0.
 * Unchanged inputs are neither compiled nor linked again (by content); a failed build leaves
 * neither output behind.
 */
public final class UnixlibBuilder extends ModuleBuilder {

    /** The generated PE sources' name for the spec's stubs. */
    static final String STUBS_SOURCE = "winelib_unixlib_stubs.c";

    public UnixlibBuilder(ToolLocator tools, BuildLog log) {
        super(tools, log);
    }

    /** Reads a {@code .unixcalls} file, turning its errors into a {@link BuildFailure}. */
    public static UnixCallsDeclaration readDeclaration(Path file) throws BuildFailure {
        return ModuleInputs.read(file, "unix calls file", f -> {
            try {
                return UnixCallsParser.parse(f);
            } catch (UnixCallsException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        });
    }

    public UnixlibBuildResult build(UnixlibBuildRequest request) throws BuildFailure, InterruptedException {
        return removingOutputsOnFailure("the unixlib module in " + request.outputDirectory(),
                outputs -> buildOrFail(request, outputs));
    }

    private UnixlibBuildResult buildOrFail(UnixlibBuildRequest request, List<Path> outputs) throws BuildFailure,
            IOException, InterruptedException {
        ModuleRequest module = request.module();
        // the outputs of an earlier build go when this one fails, even when the spec cannot be read
        outputs.add(compilationDatabase(request.outputDirectory()));
        try {
            outputs.addAll(OutputFiles.of(request, ModuleNames.of(module.moduleFileName()
                    .orElseGet(() -> SpecParser.defaultModuleFileName(module.specFile().toString())))).all());
        } catch (IllegalArgumentException e) {
            // reported below, once the spec is read
        }
        ModuleSpec spec = ModuleInputs.readSpec(module.specFile(), module.moduleFileName());
        ModuleNames names;
        try {
            names = ModuleNames.of(spec.fileName());
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(module.specFile() + ": " + e.getMessage() + " (rename the spec file or configure"
                    + " outputFileName)", e);
        }
        OutputFiles files = OutputFiles.of(request, names);
        outputs.addAll(files.all());
        try {
            PeExports.check(spec);
        } catch (UnixCallsException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        UnixCallsDeclaration declaration = readDeclaration(request.unixCallsFile());
        if (request.has32Bit() && !declaration.wow64()) {
            throw new BuildFailure(request.unixCallsFile() + ": a 32-bit (i686) PE half needs the WOW64 call table:"
                    + " add the line 'wow64' before the first call (and a wow64_NAME function in the Unix sources"
                    + " for each call whose structure has pointers)");
        }
        for (Path source : module.unixSources()) {
            if (SourceLanguage.of(source).orElse(null) != SourceLanguage.C) {
                throw new BuildFailure(source + ": the Unix half of a unixlib module is compiled from C sources (.c)"
                        + " only; C++ plain Linux code can go into a winelib DLL (packaging winelib)");
            }
        }

        Map<PeArchitecture, PeTools> peTools = new LinkedHashMap<>();
        for (PeArchitecture architecture : request.architectures()) {
            try {
                String compiler = request.peCompiler(architecture);
                String dlltool = request.dlltool(architecture);
                String half = architecture == PeArchitecture.X86_64 ? "PE half" : architecture.keyword() + " PE half";
                peTools.put(architecture, new PeTools(
                        tools.require(compiler, ToolLocator.debianPackageOfCompiler(compiler),
                                "to compile and link the " + half + " of " + names.dll()),
                        tools.require(dlltool, architecture.binutilsPackage(),
                                "to make the ntdll import library of the " + half)));
            } catch (ToolNotFoundException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
        LinuxToolchain unixTools = LinuxToolchain.of(module, tools, "to compile the Unix half " + names.unixLibrary());

        Path work = module.workDirectory().toAbsolutePath();
        GeneratedSources generated = generate(spec, declaration, names, work);

        Map<String, String> environment = module.compilerEnvironment();
        List<String> unixFlags = PlainLinuxFlags.c(module, List.of(generated.includeDirectory()),
                unixTools.libraries().cflags());
        UnixHalf unix = buildUnixHalf(request, module, declaration, names, generated, unixTools, unixFlags,
                environment, work.resolve("unix"));
        Optional<UnixHalf> unix32 = Optional.empty();
        if (request.module32().isPresent()) {
            ModuleRequest module32 = request.module32().get();
            LinuxToolchain tools32 = LinuxToolchain.of(module32, tools, "to compile the 32-bit Unix half "
                    + names.unixLibrary());
            List<String> flags32 = PlainLinuxFlags.c(module32, List.of(generated.includeDirectory()),
                    tools32.libraries().cflags());
            unix32 = Optional.of(buildUnixHalf(request, module32, declaration, names, generated, tools32, flags32,
                    environment, work.resolve("unix-i386")));
        } else if (request.has32Bit()) {
            log.warn("no i386 sysroot given: no i386-unix/" + names.unixLibrary() + " is built, so the i686 PE half"
                    + " reaches its Unix side only under new-style WoW64 (x86_64-unix/" + names.unixLibrary() + ")");
        }
        Map<PeArchitecture, PeHalf> peHalves = new LinkedHashMap<>();
        for (Map.Entry<PeArchitecture, PeTools> e : peTools.entrySet()) {
            peHalves.put(e.getKey(), buildPeHalf(request, e.getKey(), spec, names, generated, e.getValue(),
                    environment, work.resolve(peDirectory(e.getKey()))));
        }

        // every half is good: publish them together
        Files.createDirectories(request.outputDirectory().toAbsolutePath());
        List<CompileCommand> commands = new ArrayList<>(unix.commands());
        unix32.ifPresent(u -> commands.addAll(u.commands()));
        peHalves.values().forEach(pe -> commands.addAll(pe.commands()));
        writeCompilationDatabase(request.outputDirectory().toAbsolutePath(), commands);
        publish(unix.file(), files.unixLibrary(), true);
        if (unix32.isPresent()) {
            publish(unix32.get().file(), files.unixLibrary32().orElseThrow(), true);
        } else {
            files.unixLibrary32().ifPresent(f -> deleteQuietly(f));
        }
        Map<PeArchitecture, Path> dlls = new LinkedHashMap<>();
        int compiled = unix.compiled() + unix32.map(UnixHalf::compiled).orElse(0);
        boolean linkedDll = false;
        Optional<WindowsLinkFiles> linkFiles32 = Optional.empty();
        for (Map.Entry<PeArchitecture, PeHalf> e : peHalves.entrySet()) {
            Path output = files.dlls().get(e.getKey());
            publish(e.getValue().file(), output, false);
            dlls.put(e.getKey(), output);
            if (e.getValue().linkFiles().isPresent()) {
                WindowsLinkFiles staged = e.getValue().linkFiles().get();
                WindowsLinkFiles published = WindowsLinkFiles.of(spec, output.getParent());
                publish(staged.importLibrary(), published.importLibrary(), false);
                publish(staged.definitionFile(), published.definitionFile(), false);
                linkFiles32 = Optional.of(published);
            }
            compiled += e.getValue().compiled();
            linkedDll |= e.getValue().linked();
        }
        warnAboutWineModule(names, request.architectures());
        return new UnixlibBuildResult(dlls, files.unixLibrary(), unix32.flatMap(u -> files.unixLibrary32()),
                linkFiles32, compiled, linkedDll,
                unix.linked() || unix32.map(UnixHalf::linked).orElse(false), declaration.calls().size(),
                spec.entries().size());
    }

    /** The work directory of a PE half: {@code pe} for x86_64 (as before there were others), {@code pe-ARCH}. */
    private static String peDirectory(PeArchitecture architecture) {
        return architecture == PeArchitecture.X86_64 ? "pe" : "pe-" + architecture.keyword();
    }

    private static void publish(Path staged, Path output, boolean executable) throws IOException {
        Files.createDirectories(output.getParent());
        AtomicFiles.writeIfChanged(output, Files.readAllBytes(staged));
        if (executable) {
            output.toFile().setExecutable(true, false);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an old output that stays is reported by nothing that reads it
        }
    }

    /** The mingw tools of one PE half. */
    private record PeTools(Path compiler, Path dlltool) {
    }

    /** The generated files both halves use. */
    private record GeneratedSources(Path includeDirectory, Path tableSource, Path versionScript,
            Path definitionFile, Optional<Path> stubsSource) {
    }

    private GeneratedSources generate(ModuleSpec spec, UnixCallsDeclaration declaration, ModuleNames names, Path work)
            throws IOException {
        UnixCallsSources sources = new UnixCallsSources(generator);
        Path include = work.resolve("include");
        Files.createDirectories(include);
        write(include.resolve(UnixCallsSources.HELPER_HEADER), UnixCallsSources.helperHeader());
        write(include.resolve(declaration.headerFileName()), sources.header(declaration));
        Path unix = work.resolve("unix");
        Path table = unix.resolve(UnixCallsSources.TABLE_SOURCE);
        write(table, sources.table(declaration));
        Path versionScript = unix.resolve(names.unixLibrary() + ".map");
        write(versionScript, UnixLibraryLinker.versionScript(declaration));
        Path pe = work.resolve("pe");
        Path def = pe.resolve(names.dll() + ".def");
        write(def, PeExports.definitionFile(spec, generator));
        Path stubs = pe.resolve(STUBS_SOURCE);
        Optional<Path> stubsSource = Optional.empty();
        if (PeExports.hasStubs(spec)) {
            write(stubs, PeExports.stubSource(spec, generator));
            stubsSource = Optional.of(stubs);
        } else {
            Files.deleteIfExists(stubs);
        }
        return new GeneratedSources(include, table, versionScript, def, stubsSource);
    }

    /** The directory tool messages name sources relative to: the project's, else the working directory. */
    private static Path base(ModuleRequest module) {
        return module.baseDirectory().orElse(Path.of(""));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- the Unix half

    private record UnixHalf(Path file, int compiled, boolean linked, List<CompileCommand> commands) {
    }

    private UnixHalf buildUnixHalf(UnixlibBuildRequest request, ModuleRequest module, UnixCallsDeclaration declaration,
            ModuleNames names, GeneratedSources generated, LinuxToolchain unixTools, List<String> flags,
            Map<String, String> environment, Path dir) throws IOException, InterruptedException, BuildFailure {
        Path compiler = unixTools.compiler();
        SourceCompiler.Outcome user;
        try {
            user = new SourceCompiler(compiler, flags, environment, dir.resolve("obj"), log)
                    .compile(module.unixSources(), module.unixSourceRoot().map(List::of).orElse(List.of()));
        } catch (BuildFailure e) {
            throw SysrootAdvice.explain(module, e);
        }
        SourceCompiler.Outcome table = new SourceCompiler(compiler, flags, environment, dir.resolve("generated-obj"),
                log).compile(List.of(generated.tableSource()), List.of(dir));
        try {
            List<String> missing = UnixLibraryChecks.missingImplementations(declaration, user.objects());
            if (!missing.isEmpty()) {
                throw new BuildFailure(names.unixLibrary() + ": the Unix sources" + request.unixSourceRoot()
                        .map(p -> " (" + p + ")").orElse("") + " do not define every function the unix calls need:\n  "
                        + String.join("\n  ", missing) + "\nDefine them (the prototypes are in "
                        + declaration.headerFileName() + ", which the Unix sources include), or name others with"
                        + " -unix=FUNCTION in " + Path.of(declaration.source()).getFileName() + ".");
            }
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        List<Path> objects = new ArrayList<>(user.objects());
        objects.addAll(table.objects());
        List<String> ldflags = new ArrayList<>(module.ldflags());
        ldflags.addAll(unixTools.libraries().linkArguments());

        Path staged = dir.resolve("out").resolve(names.unixLibrary());
        Path stampFile = dir.resolve(names.unixLibrary() + ".link.stamp");
        List<String> key = new ArrayList<>(UnixLibraryLinker.command(unixTools.linker(), unixTools.sysroot(),
                generated.versionScript(), names.unixLibrary(), objects, ldflags, module.libraries(), staged));
        key.add("generator=" + generator);
        key.add("glibc-baseline=" + module.glibcBaseline().orElse("none"));
        key.add(module.outputTimestampKey());
        List<Path> inputs = new ArrayList<>(objects);
        inputs.add(generated.versionScript());
        inputs.addAll(LinkInputFiles.of(key));
        String record = Stamp.of(key, inputs);
        boolean linked = StampedOutput.make(staged, stampFile, record, tmp -> {
            List<String> command = UnixLibraryLinker.command(unixTools.linker(), unixTools.sysroot(),
                    generated.versionScript(), names.unixLibrary(), objects, ldflags, module.libraries(), tmp);
            try {
                LinkerProcess.run(command, names.unixLibrary(), names.unixLibrary(), dir, log, ToolFileNames.none()
                        .withObjects(user.objectSources(module.unixSources(), base(module)))
                        .withObjects(table.objectSources(List.of(generated.tableSource()), dir))
                        .with(generated.versionScript(), "the version script generated from " + declaration.source())
                        .with(tmp, names.unixLibrary()));
            } catch (BuildFailure e) {
                // a library the sysroot lacks: say which package has it
                throw SysrootAdvice.explain(module, e);
            }
            checkUnixLibrary(tmp, declaration, names);
            GlibcBaselineGuard.check(module.glibcBaseline(), tmp, objects, names.unixLibrary(),
                    names.unixLibrary() + " needs ", log);
            return true;
        }).isPresent();
        if (!linked) {
            log.debug("up to date: " + staged);
            checkUnixLibrary(staged, declaration, names);
        }
        List<CompileCommand> commands = new ArrayList<>(user.commands());
        commands.addAll(table.commands());
        return new UnixHalf(staged, user.compiled() + table.compiled(), linked, commands);
    }

    private static void checkUnixLibrary(Path file, UnixCallsDeclaration declaration, ModuleNames names)
            throws IOException, BuildFailure {
        try {
            List<String> problems = UnixLibraryChecks.problems(ElfFile.readEither(file), declaration);
            if (!problems.isEmpty()) {
                throw new BuildFailure(names.unixLibrary() + " is not a unix library Wine can use:\n  "
                        + String.join("\n  ", problems));
            }
        } catch (ElfFormatException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- the PE half

    private record PeHalf(Path file, int compiled, boolean linked, List<CompileCommand> commands,
            Optional<WindowsLinkFiles> linkFiles) {
    }

    private PeHalf buildPeHalf(UnixlibBuildRequest request, PeArchitecture architecture, ModuleSpec spec,
            ModuleNames names, GeneratedSources generated, PeTools peTools, Map<String, String> environment, Path dir)
            throws IOException, InterruptedException, BuildFailure {
        Path compiler = peTools.compiler();
        List<String> flags = new ArrayList<>(CompileFlags.pathMaps(request.module(), false));
        flags.add("-I" + generated.includeDirectory());
        flags.addAll(CompileFlags.includes(request.module()));
        flags.addAll(request.peCflags());
        SourceCompiler.Outcome user = new SourceCompiler(compiler, flags, environment, dir.resolve("obj"), log)
                .compile(request.peSources(), request.peSourceRoot().map(List::of).orElse(List.of()));
        List<Path> objects = new ArrayList<>(user.objects());
        int compiled = user.compiled();
        List<CompileCommand> commands = new ArrayList<>(user.commands());
        if (generated.stubsSource().isPresent()) {
            SourceCompiler.Outcome stubs = new SourceCompiler(compiler, flags, environment,
                    dir.resolve("generated-obj"), log).compile(List.of(generated.stubsSource().get()), List.of(dir));
            objects.addAll(stubs.objects());
            compiled += stubs.compiled();
            commands.addAll(stubs.commands());
        }
        Path ntdllDefinition = dir.resolve(NtdllImports.DEFINITION_FILE);
        write(ntdllDefinition, NtdllImports.definition(architecture));
        Path importLibrary = ntdllImportLibrary(architecture, peTools.dlltool(), ntdllDefinition, dir);
        Optional<WindowsLinkFiles> linkFiles = Optional.empty();
        if (architecture.is32Bit()) {
            // the import library of 32-bit programs: stdcall functions as NAME@N, as winebuild -m32 writes it
            ModuleSpec spec32 = ModuleInputs.readSpec(request.module().specFile(), request.module().moduleFileName(),
                    TargetCpu.I386);
            linkFiles = Optional.of(WindowsLinkFiles.write(spec32, dir.resolve("implib"), dir, tools, log));
        }
        // mingw's messages name the sources of the objects and what the generated files are
        ToolFileNames fileNames = ToolFileNames.none()
                .withObjects(user.objectSources(request.peSources(), base(request.module())))
                .with(generated.definitionFile(), "the .def file generated from " + spec.source())
                .with(importLibrary, "the ntdll import library of the unix calls");
        if (generated.stubsSource().isPresent()) {
            fileNames = fileNames.with(objects.get(objects.size() - 1), "the stubs generated from " + spec.source());
        }

        Path staged = dir.resolve("out").resolve(names.dll());
        Path stampFile = dir.resolve(names.dll() + ".link.stamp");
        List<String> key = new ArrayList<>(PeLinker.command(architecture, compiler, staged, objects, generated.definitionFile(),
                importLibrary, request.peLdflags(), request.peLibraries(), names.dll()));
        key.add("generator=" + generator);
        key.add(request.module().outputTimestampKey());
        List<Path> inputs = new ArrayList<>(objects);
        inputs.add(generated.definitionFile());
        inputs.add(importLibrary);
        String record = Stamp.of(key, inputs);
        if (Stamp.isFresh(staged, stampFile, record)) {
            log.debug("up to date: " + staged);
            checkDll(architecture, staged, spec, names);
            return new PeHalf(staged, compiled, false, commands, linkFiles);
        }
        Files.deleteIfExists(stampFile);
        Path tmp = AtomicFiles.temporarySibling(staged);
        try {
            List<String> command = PeLinker.command(architecture, compiler, tmp, objects, generated.definitionFile(), importLibrary,
                    request.peLdflags(), request.peLibraries(), names.dll());
            try {
                LinkerProcess.run(command, names.dll(), names.dll(), dir, log, fileNames.with(tmp, names.dll()));
            } catch (BuildFailure e) {
                throw undefinedExports(spec, e);
            }
            byte[] finished;
            try {
                byte[] linked = Files.readAllBytes(tmp);
                if (request.module().outputTimestamp().isPresent()) {
                    linked = PeTimeDateStamps.apply(names.dll(), linked, request.module().outputTimestamp().get());
                }
                finished = BuiltinMarker.apply(names.dll(), linked);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            Files.write(tmp, finished);
            AtomicFiles.commit(tmp, staged);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try {
            checkDll(architecture, staged, spec, names);
        } catch (BuildFailure | RuntimeException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        Stamp.write(stampFile, record, staged);
        return new PeHalf(staged, compiled, true, commands, linkFiles);
    }

    /**
     * The PE link's failure, or, when mingw's linker could not export functions no object defines
     * ("cannot export NAME: symbol not defined"), a failure naming them at their spec lines.
     */
    private static BuildFailure undefinedExports(ModuleSpec spec, BuildFailure linkFailure) throws IOException {
        java.util.regex.Matcher m = CANNOT_EXPORT.matcher(linkFailure.getMessage());
        List<String> undefined = new ArrayList<>();
        while (m.find()) {
            undefined.add(m.group(1));
        }
        try {
            UndefinedExports.check(spec, undefined, Map.of());
        } catch (BuildFailure atSpecLines) {
            return atSpecLines;
        }
        return linkFailure;
    }

    /** How mingw's linker says that nothing defines an export of the .def file. */
    private static final java.util.regex.Pattern CANNOT_EXPORT = java.util.regex.Pattern.compile(
            "cannot export ([^\\s:]+): symbol not defined");

    /**
     * Makes the ntdll import library with dlltool, unless it is up to date. dlltool names symbols
     * after its output file, so it writes under the final name, in a fresh directory, with that
     * directory as its working directory: the library (and so the DLL) does not depend on where the
     * project is.
     */
    private Path ntdllImportLibrary(PeArchitecture architecture, Path dlltool, Path definition, Path dir)
            throws IOException, InterruptedException, BuildFailure {
        return importLibrary(NtdllImports.dlltoolCommand(architecture, dlltool.toString(), definition.toString(),
                NtdllImports.LIBRARY_FILE), "the ntdll import library", definition, dir.resolve(NtdllImports.LIBRARY_FILE));
    }

    private Path importLibrary(List<String> command, String what, Path definition, Path library)
            throws IOException, InterruptedException, BuildFailure {
        Path dir = library.getParent();
        String name = library.getFileName().toString();
        Path stampFile = dir.resolve(name + ".stamp");
        String record = Stamp.of(command, List.of(definition));
        if (Stamp.isFresh(library, stampFile, record)) {
            return library;
        }
        Path scratch = Files.createTempDirectory(dir, ".dlltool-");
        try {
            log.debug(String.join(" ", command));
            try {
                String output = ProcessRunner.check("making " + what, command, scratch);
                if (!output.isBlank()) {
                    // dlltool reports some definition errors without failing
                    throw new BuildFailure("dlltool did not accept " + definition + ":\n" + output.strip());
                }
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            AtomicFiles.commit(scratch.resolve(name), library);
        } finally {
            deleteTree(scratch);
        }
        Stamp.write(stampFile, record, library);
        return library;
    }

    private static void checkDll(PeArchitecture architecture, Path dll, ModuleSpec spec, ModuleNames names)
            throws IOException, BuildFailure {
        try {
            List<String> problems = PeDllChecks.problems(architecture, dll, Files.readAllBytes(dll), spec);
            if (!problems.isEmpty()) {
                throw new BuildFailure(names.dll() + " is not the builtin DLL " + spec.source() + " describes:\n  "
                        + String.join("\n  ", problems));
            }
        } catch (ImportException | IllegalArgumentException e) {
            throw new BuildFailure(names.dll() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wine searches its own DLL directory before WINEDLLPATH: a module named like one of Wine's
     * would never be loaded as this builtin.
     */
    private void warnAboutWineModule(ModuleNames names, List<PeArchitecture> architectures) {
        List<Path> dirs = new ArrayList<>();
        for (PeArchitecture a : architectures) {
            for (String wine : List.of("/usr/lib/x86_64-linux-gnu/wine", "/usr/lib/i386-linux-gnu/wine",
                    "/usr/lib/wine", "/usr/local/lib/wine")) {
                dirs.add(Path.of(wine, a.windowsDirectory()));
            }
        }
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve(names.dll()))) {
                log.warn(names.dll() + " is also the name of one of Wine's own DLLs (" + dir + "): Wine looks in its"
                        + " own directory before WINEDLLPATH, so it would load its " + names.dll()
                        + " instead of this one; choose another name");
                return;
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
