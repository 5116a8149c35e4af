package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.sysroot.SysrootLayout;
import dev.winelib.toolchain.elf.ElfFile;
import dev.winelib.toolchain.elf.ElfFormatException;
import dev.winelib.toolchain.elf.ElfSymbol;
import dev.winelib.toolchain.imports.ExportLists;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;

/**
 * The module object for a link done by someone else (winegcc, a Makefile): the module header with
 * the imports the given objects and static libraries need, and the runtime (entry point, stub and delay-load helpers),
 * merged into one relocatable object with {@code ld.lld -r}. Like winebuild, symbols that no
 * imported DLL exports are left for the final link; symbols the sysroot's C library, libm or
 * libgcc_s define are never imported.
 */
public final class RelocatableModule {

    private static final List<String> SYSTEM_LIBRARIES = List.of("libc.so.6", "libm.so.6", "libgcc_s.so.1",
            "libdl.so.2", "libpthread.so.0");

    /**
     * What to build.
     *
     * @param spec the module's exports
     * @param objects the module's objects and static libraries, in link order (the imports are
     *     what they need; from a static library, what the members a link would take need)
     * @param imports DLLs to import from, in order of preference
     * @param delayImports DLLs among them to load on first use
     * @param importDefinitions .spec/.def files with export lists
     * @param entryFunction the function the entry point calls after the constructors
     * @param output the object to write
     */
    public record Request(ModuleSpec spec, List<Path> objects, List<String> imports, List<String> delayImports,
            List<Path> importDefinitions, String entryFunction, Path output) {
        public Request {
            objects = List.copyOf(objects);
            imports = List.copyOf(imports);
            delayImports = List.copyOf(delayImports);
            importDefinitions = List.copyOf(importDefinitions);
        }
    }

    private RelocatableModule() {
    }

    /** Builds the object; returns the imports it holds. */
    public static ModuleImports build(Request request, Path compiler, Path linker, SysrootLayout sysroot,
            String generator) throws IOException, InterruptedException, BuildFailure {
        WinelibBuilder.checkLinkable(request.spec());
        Path output = request.output().toAbsolutePath();
        Path work = Files.createTempDirectory(output.getParent(), "." + output.getFileName() + ".work");
        try {
            List<Path> runtime = ModuleRuntime.compile(work.resolve("runtime"), compiler, sysroot.sysroot(),
                    request.spec(), !request.delayImports().isEmpty(), request.entryFunction());
            List<Path> all = new ArrayList<>(request.objects());
            all.addAll(runtime);
            if (all.stream().anyMatch(LinkInputs::isArchive)) {
                // as a link would: the members of static libraries that the exports, the entry function
                // and the objects need, merged with the objects into one object whose undefined
                // symbols are the module's
                all = List.of(mergeForSymbols(request, all, linker, work));
            }
            Set<String> wanted = wantedSymbols(all, sysroot);
            List<UndefinedSymbols.Symbol> undefined = new ArrayList<>();
            wanted.forEach(name -> undefined.add(new UndefinedSymbols.Symbol(name, List.of())));
            List<String> dlls = new ArrayList<>(request.imports());
            request.delayImports().stream().filter(d -> !dlls.contains(d)).forEach(dlls::add);
            ModuleImports imports = undefined.isEmpty() || dlls.isEmpty() ? ModuleImports.none()
                    : ImportResolver.resolve(undefined, dlls, new LinkedHashSet<>(request.delayImports()),
                            ExportLists.standard(request.importDefinitions())).imports();
            String assembly;
            try {
                assembly = new ModuleAssemblyEmitter(generator).emit(request.spec(),
                        ModuleOptions.dll(Optional.of(WinelibBuilder.ENTRY_SYMBOL)).withStubRuntime(), imports);
            } catch (IllegalArgumentException e) {
                throw new BuildFailure(request.spec().source() + ": " + e.getMessage(), e);
            }
            Path header = work.resolve("module.o");
            ModuleAssembler.assemble(assembly, header, request.spec().fileName() + ".spec.s");
            Path tmp = AtomicFiles.temporarySibling(output);
            try {
                List<String> command = new ArrayList<>(List.of(linker.toString(), "-r", "-o", tmp.toString(),
                        header.toString()));
                runtime.forEach(o -> command.add(o.toString()));
                try {
                    ProcessRunner.check("merging the module object " + output.getFileName(), command, work);
                } catch (ToolFailedException e) {
                    throw new BuildFailure(e.getMessage(), e);
                }
                AtomicFiles.commit(tmp, output);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return imports;
        } finally {
            deleteTree(work);
        }
    }

    private static Path mergeForSymbols(Request request, List<Path> inputs, Path linker, Path work)
            throws IOException, InterruptedException, BuildFailure {
        Path merged = work.resolve("inputs.o");
        List<String> command = new ArrayList<>(List.of(linker.toString(), "-r", "-o", merged.toString()));
        Set<String> roots = new TreeSet<>();
        for (ExportEntry e : request.spec().entries()) {
            if (!e.forward() && e.type() != EntryType.STUB) {
                roots.add(e.target());
            }
        }
        roots.forEach(name -> command.add("--undefined=" + name));
        command.add("--undefined-glob=" + request.entryFunction()); // taken when an archive has it
        inputs.forEach(p -> command.add(p.toString()));
        try {
            ProcessRunner.check("reading the undefined symbols of " + inputs, command, work);
        } catch (ToolFailedException e) {
            throw new BuildFailure(e.getMessage(), e);
        }
        return merged;
    }

    /**
     * Symbols the objects use but do not define, less those the linker defines and those the
     * sysroot's system libraries export.
     */
    static Set<String> wantedSymbols(List<Path> objects, SysrootLayout sysroot) throws IOException, BuildFailure {
        Set<String> wanted = new TreeSet<>();
        for (Path object : objects) {
            try {
                for (ElfSymbol s : ElfFile.read(object).symbols()) {
                    if (!s.isDefined() && s.binding() == ElfSymbol.STB_GLOBAL && !s.name().isEmpty()) {
                        wanted.add(s.name());
                    }
                }
            } catch (ElfFormatException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
        }
        wanted.removeAll(ObjectSymbols.definedGlobals(objects));
        wanted.removeIf(ObjectSymbols::isLinkerDefined);
        for (String library : SYSTEM_LIBRARIES) {
            for (Path dir : sysroot.libraryDirectories()) {
                Path lib = dir.resolve(library);
                if (Files.isRegularFile(lib)) {
                    try {
                        for (ElfSymbol s : ElfFile.read(lib).dynamicSymbols()) {
                            if (s.isDefined()) {
                                wanted.remove(s.name());
                            }
                        }
                    } catch (ElfFormatException e) {
                        throw new BuildFailure(e.getMessage(), e);
                    }
                    break;
                }
            }
        }
        return wanted;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
