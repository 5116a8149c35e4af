package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;

/** Emits the module's assembly (header reserve, NT header, exports) and assembles it. */
final class ModuleObjectWriter {

    private final ModuleAssemblyEmitter emitter;
    private final Path compiler;
    private final BuildLog log;

    ModuleObjectWriter(ModuleAssemblyEmitter emitter, Path compiler, BuildLog log) {
        this.emitter = emitter;
        this.compiler = compiler;
        this.log = log;
    }

    /** Writes {@code NAME.spec.s} and {@code NAME.spec.o} in {@code directory}; returns the object. */
    Path write(ModuleSpec spec, ModuleOptions options, ModuleImports imports, Path directory)
            throws IOException, InterruptedException, BuildFailure {
        String assembly = emitter.emit(spec, options, imports);
        Files.createDirectories(directory);
        String base = spec.fileName() + ".spec";
        Path asmFile = directory.resolve(base + ".s");
        Path object = directory.resolve(base + ".o");
        Path stampFile = directory.resolve(base + ".o.stamp");
        AtomicFiles.writeIfChanged(asmFile, assembly.getBytes(StandardCharsets.UTF_8));
        List<String> key = List.of(compiler.toString(), "-c", "-x", "assembler", asmFile.toString());
        String record = Stamp.of(key, List.of(asmFile));
        if (Stamp.isFresh(object, stampFile, record)) {
            log.debug("up to date: " + object);
            return object;
        }
        Path tmp = AtomicFiles.temporarySibling(object);
        try {
            List<String> command = new ArrayList<>(List.of(compiler.toString(), "-c", "-x", "assembler", "-o",
                    tmp.toString(), asmFile.toString()));
            log.debug(String.join(" ", command));
            try {
                ProcessRunner.check("assembling the module header " + asmFile, command, null);
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            AtomicFiles.commit(tmp, object);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Stamp.write(stampFile, record);
        return object;
    }
}
