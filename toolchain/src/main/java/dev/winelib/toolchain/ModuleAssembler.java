package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;

/** Assembles generated assembly text into an object file with a compiler driver. */
public final class ModuleAssembler {

    private ModuleAssembler() {
    }

    /** Assembles {@code assembly} into {@code object}; the object appears only when assembling succeeded. */
    public static void assemble(Path compiler, String assembly, Path object) throws IOException, InterruptedException,
            BuildFailure {
        Path asm = AtomicFiles.temporarySibling(object.resolveSibling(object.getFileName() + ".s"));
        Path tmp = AtomicFiles.temporarySibling(object);
        try {
            Files.writeString(asm, assembly, StandardCharsets.UTF_8);
            List<String> command = List.of(compiler.toString(), "-c", "-x", "assembler", "-o", tmp.toString(),
                    asm.toString());
            try {
                ProcessRunner.check("assembling " + object.getFileName(), command, null);
            } catch (ToolFailedException e) {
                throw new BuildFailure(e.getMessage(), e);
            }
            AtomicFiles.commit(tmp, object);
        } finally {
            Files.deleteIfExists(asm);
            Files.deleteIfExists(tmp);
        }
    }
}
