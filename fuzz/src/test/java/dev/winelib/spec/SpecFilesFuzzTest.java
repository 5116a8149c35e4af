package dev.winelib.spec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.asm.elf.ElfAssembler;

/**
 * The {@code .spec} and {@code .def} readers on any text: each input ends in a {@link ModuleSpec} or a
 * {@link SpecException} (file:line:column and what is wrong); nothing else may escape. An accepted spec
 * goes on through the build's next steps: the emitter writes its assembly or refuses a name that cannot be
 * written with {@link IllegalArgumentException} (what the build reports as a failure of the spec), and the
 * in-process assembler must assemble whatever the emitter wrote: an
 * {@link dev.winelib.asm.elf.AssemblyException} there is a bug.
 */
class SpecFilesFuzzTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j fuzz");

    @FuzzTest
    void specFile(byte[] input) {
        ModuleSpec spec;
        try {
            spec = SpecParser.parse("fuzz.spec", text(input), Optional.empty());
        } catch (SpecException expected) {
            return;
        }
        buildHeader(spec);
    }

    @FuzzTest
    void defFile(byte[] input) {
        ModuleSpec spec;
        try {
            spec = DefParser.parse("fuzz.def", text(input), Optional.of("fuzz.dll"));
        } catch (SpecException expected) {
            return;
        }
        buildHeader(spec);
    }

    /** As the build reads files: bytes as ISO-8859-1, so every byte value reaches the parser. */
    private static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    private static void buildHeader(ModuleSpec spec) {
        String assembly;
        try {
            assembly = EMITTER.emit(spec, ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime());
        } catch (IllegalArgumentException refused) {
            return;
        }
        ElfAssembler.assemble(assembly);
    }
}
