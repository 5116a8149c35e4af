package dev.winelib.toolchain.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.EntryType;
import dev.winelib.spec.ExportEntry;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.BuildFailure;
import dev.winelib.toolchain.BuildLog;
import dev.winelib.toolchain.build.AtomicFiles;

/**
 * Emits the module's assembly (header reserve, NT header, exports, imports) and assembles it in the
 * process. The text is kept next to the object ({@code NAME.spec.s}) for inspection; both files are
 * rewritten only when their content changes.
 */
public final class ModuleObjectWriter {

    private final ModuleAssemblyEmitter emitter;
    private final BuildLog log;

    public ModuleObjectWriter(ModuleAssemblyEmitter emitter, BuildLog log) {
        this.emitter = emitter;
        this.log = log;
    }

    /** Writes {@code NAME.spec.s} and {@code NAME.spec.o} in {@code directory}; returns the object. */
    public Path write(ModuleSpec spec, ModuleOptions options, ModuleImports imports, Path directory)
            throws IOException, BuildFailure {
        String assembly = emitter.emit(spec, options, imports);
        Files.createDirectories(directory);
        String base = spec.fileName() + ".spec";
        Path asmFile = directory.resolve(base + ".s");
        Path object = directory.resolve(base + ".o");
        AtomicFiles.writeIfChanged(asmFile, assembly.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ModuleAssembler.toObject(assembly, asmFile.toString(), spec.cpu());
        if (AtomicFiles.writeIfChanged(object, bytes)) {
            log.debug("assembled " + object);
        } else {
            log.debug("up to date: " + object);
        }
        return object;
    }

    /**
     * Refuses link names no linker can resolve: ld.lld and GNU ld read {@code name@version} in a
     * symbol name as a symbol version. (winebuild emits such names and the link fails later.)
     */
    public static void checkLinkable(ModuleSpec spec) throws BuildFailure {
        for (ExportEntry e : spec.entries()) {
            if (!e.forward() && e.type() != EntryType.STUB && e.target().indexOf('@') >= 0) {
                throw new BuildFailure(e.location() + ": '" + e.target() + "' cannot be linked: in a symbol name '@'"
                        + " starts a symbol version; give a link name without '@' (e.g. @ stdcall foo@8(long) foo)");
            }
        }
    }
}
