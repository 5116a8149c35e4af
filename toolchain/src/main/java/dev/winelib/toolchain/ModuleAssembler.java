package dev.winelib.toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.winelib.toolchain.process.ProcessRunner;
import dev.winelib.toolchain.process.ToolFailedException;

/**
 * Assembles generated assembly text into an object file: with a compiler driver
 * ({@code cc -c -x assembler}), or with an assembler ({@code as --64}) when no compiler is given,
 * as winebuild does with {@code --cc-cmd} and {@code --as-cmd}.
 */
public final class ModuleAssembler {

    private ModuleAssembler() {
    }

    /** Assembles {@code assembly} into {@code object}; the object appears only when assembling succeeded. */
    public static void assemble(Path compiler, String assembly, Path object) throws IOException, InterruptedException,
            BuildFailure {
        assemble(ToolCommand.of(compiler), Optional.empty(), assembly, object, BuildLog.silent());
    }

    /**
     * Assembles with {@code compiler}, or with {@code assembler} when one is given and the compiler
     * is not to be used (empty {@code compiler} arguments do not matter).
     *
     * @param assembler used instead of the compiler when present
     */
    public static void assemble(ToolCommand compiler, Optional<ToolCommand> assembler, String assembly, Path object,
            BuildLog log) throws IOException, InterruptedException, BuildFailure {
        Path asm = AtomicFiles.temporarySibling(object.resolveSibling(object.getFileName() + ".s"));
        Path tmp = AtomicFiles.temporarySibling(object);
        try {
            Files.writeString(asm, assembly, StandardCharsets.UTF_8);
            List<String> command = assembler.isPresent()
                    ? assembler.get().commandLine(List.of("--64", "-o", tmp.toString(), asm.toString()))
                    : compiler.commandLine(List.of("-c", "-x", "assembler", "-o", tmp.toString(), asm.toString()));
            log.debug(String.join(" ", command));
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
