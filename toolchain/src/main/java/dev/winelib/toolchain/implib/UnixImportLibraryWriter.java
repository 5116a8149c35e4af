package dev.winelib.toolchain.implib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.asm.AsmText;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ExportFlag;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.TargetCpu;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;
import dev.winelib.toolchain.build.TemporaryFiles;
import dev.winelib.toolchain.imports.ImportThunkSymbol;
import dev.winelib.toolchain.module.ModuleAssembler;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolCommand;
import dev.winelib.toolchain.process.ToolFailedException;
import dev.winelib.toolchain.process.ToolFileNames;

/**
 * Writes a Unix import library of a DLL, as winebuild's {@code --implib} mode does for a Unix
 * target: an {@code ar} archive with one object per importable function, each defining the
 * function's name as a thunk that refers to {@code __wine$func$DLL$ORDINAL$NAME} (or
 * {@code __wine$ord$...} for imports by ordinal). winebuild (and winebuild-j) read those symbols to
 * know what a module imports; the final link never uses the thunks themselves. Private entries,
 * data and stubs are left out, and so are names with {@code ?} or {@code @}, which C cannot call.
 */
public final class UnixImportLibraryWriter {

    private UnixImportLibraryWriter() {
    }

    /** The functions an import library of {@code spec} imports, as thunk symbols, in declaration order. */
    public static List<Thunk> thunks(ModuleSpec spec) {
        List<Thunk> thunks = new ArrayList<>();
        for (ExportEntry e : spec.entries()) {
            Optional<String> name = e.exportedName().or(e::declaredName);
            if (name.isEmpty() || e.hasFlag(ExportFlag.PRIVATE)) {
                continue;
            }
            if (name.get().indexOf('?') >= 0 || name.get().indexOf('@') >= 0) {
                continue;
            }
            if (e.type() != EntryType.STDCALL && e.type() != EntryType.CDECL && e.type() != EntryType.VARARGS) {
                continue;
            }
            boolean byOrdinal = e.exportedName().isEmpty() || e.hasFlag(ExportFlag.ORDINAL);
            thunks.add(new Thunk(name.get(), ImportThunkSymbol.of(spec.fileName(), e.ordinal(), name.get(),
                    byOrdinal)));
        }
        return thunks;
    }

    /**
     * One thunk.
     *
     * @param name the function's name, defined by the thunk
     * @param importSymbol the symbol it refers to
     */
    public record Thunk(String name, String importSymbol) {
    }

    /**
     * Writes the library (with {@code extraObjects} added to it) to {@code output}.
     *
     * @return the number of functions it imports (winebuild warns when there are none)
     */
    public static int write(ModuleSpec spec, List<Path> extraObjects, Path output, ToolCommand ar, BuildLog log) throws IOException, InterruptedException,
            BuildFailure {
        List<Thunk> thunks = thunks(spec);
        Path work = TemporaryFiles.workDirectory(output.getFileName().toString());
        Path tmp = AtomicFiles.temporarySibling(output);
        try {
            List<Path> objects = new ArrayList<>();
            String stem = AsmText.cIdentifier(spec.fileName());
            int index = 0;
            for (Thunk t : thunks) {
                Path object = work.resolve(stem + "_" + (++index) + ".o");
                AtomicFiles.writeIfChanged(object, ModuleAssembler.toObject(thunkAssembly(t, spec.cpu()),
                        "the thunk of " + t.name(), spec.cpu()));
                objects.add(object);
            }
            if (objects.isEmpty()) {
                Path object = work.resolve(stem + "_0.o");
                AtomicFiles.writeIfChanged(object, ModuleAssembler.toObject(
                        "\t.text\n\t.section .note.GNU-stack,\"\",@progbits\n", "an empty object", spec.cpu()));
                objects.add(object);
            }
            Files.delete(tmp);
            List<String> args = new ArrayList<>(List.of("rcsD", tmp.toString()));
            objects.forEach(o -> args.add(o.getFileName().toString()));
            extraObjects.forEach(o -> args.add(o.toAbsolutePath().toString()));
            List<String> command = ar.commandLine(args);
            log.debug(String.join(" ", command));
            try {
                ProcessRunner.check("writing the import library " + output, command, work,
                        ToolFileNames.none().with(tmp, output.toString()));
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            AtomicFiles.commit(tmp, output);
            return thunks.size();
        } finally {
            Files.deleteIfExists(tmp);
            TemporaryFiles.delete(work);
        }
    }

    /** The assembly of one thunk object (x86_64). */
    static String thunkAssembly(Thunk t) {
        return thunkAssembly(t, TargetCpu.X86_64);
    }

    /** The assembly of one thunk object for {@code cpu}: a pointer-sized reference to the import symbol. */
    static String thunkAssembly(Thunk t, TargetCpu cpu) {
        String name = AsmText.symbol(t.name());
        boolean i386 = cpu == TargetCpu.I386;
        return "\t.text\n"
                + (i386 ? "\t.align 4\n" : "\t.align 8\n")
                + "\t.type " + name + ",@function\n"
                + "\t.globl " + name + "\n"
                + name + ":\n"
                + (i386 ? "\t.long " : "\t.quad ") + AsmText.symbol(t.importSymbol()) + "\n"
                + "\t.size " + name + ", .-" + name + "\n"
                + "\t.section .note.GNU-stack,\"\",@progbits\n";
    }
}
