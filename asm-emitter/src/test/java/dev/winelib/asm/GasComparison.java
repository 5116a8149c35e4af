package dev.winelib.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.spec.TargetCpu;

/** Assembles one text with GNU as (through gcc) and with the in-process assembler, and compares the objects. */
final class GasComparison {

    private GasComparison() {
    }

    /** Fails unless both objects have the same {@link ObjectDescription}; returns it. */
    static String assertSameObject(Path dir, String name, String asm) throws IOException {
        return assertSameObject(dir, name, asm, TargetCpu.X86_64);
    }

    /** As {@link #assertSameObject(Path, String, String)}, for {@code cpu} ({@code gcc -m32} for i386). */
    static String assertSameObject(Path dir, String name, String asm, TargetCpu cpu) throws IOException {
        Path source = dir.resolve(name + ".s");
        Path gasObject = dir.resolve(name + ".o");
        Files.writeString(source, asm, StandardCharsets.ISO_8859_1);
        ExternalTools.Result r = ExternalTools.run(dir, ExternalTools.gcc().toString(),
                cpu == TargetCpu.I386 ? "-m32" : "-m64", "-c", "-x", "assembler", source.toString(), "-o",
                gasObject.toString());
        assertThat(r.exitCode()).as("gcc exit code, output:%n%s", r.output()).isZero();
        String expected = ObjectDescription.of(ElfObject.read(gasObject));
        byte[] ours = ElfAssembler.assemble(asm, cpu);
        String actual = ObjectDescription.of(ElfObject.of(ours));
        assertThat(actual).as("in-process object of %s (gas object: %s)", source, gasObject).isEqualTo(expected);
        Files.delete(source);
        Files.delete(gasObject);
        return actual;
    }
}
