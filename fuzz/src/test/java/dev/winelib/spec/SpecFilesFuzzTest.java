package dev.winelib.spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.winelib.asm.ImportedDll;
import dev.winelib.asm.ImportedFunction;
import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
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
        buildHeader(spec, ModuleImports.none());
    }

    @FuzzTest
    void defFile(byte[] input) {
        // as the build reads it (the module named by LIBRARY), and with a module name given (-F)
        for (Optional<String> name : List.of(Optional.<String>empty(), Optional.of("fuzz.dll"))) {
            ModuleSpec spec;
            try {
                spec = DefParser.parse("fuzz.def", text(input), name);
            } catch (SpecException expected) {
                continue;
            }
            buildHeader(spec, ModuleImports.none());
        }
    }

    /**
     * Import directories with any names: the symbols come from the module's objects and the DLL names from
     * the user, so every name the emitter accepts must assemble, whatever characters it has.
     */
    @FuzzTest
    void moduleImports(FuzzedDataProvider data) {
        ModuleSpec spec = SpecParser.parse("imports.spec", "@ stdcall -import f()\n@ stub s\n", Optional.empty());
        List<ImportedDll> dlls = new ArrayList<>();
        int dllCount = data.consumeInt(1, 4);
        for (int d = 0; d < dllCount; d++) {
            String dllName = data.consumeString(20);
            List<ImportedFunction> functions = new ArrayList<>();
            int count = data.consumeInt(0, 6);
            for (int f = 0; f < count; f++) {
                String symbol = data.consumeString(30);
                functions.add(data.consumeBoolean()
                        ? new ImportedFunction(symbol, Optional.of(data.consumeString(30)), 0, data.consumeInt(0, 65535))
                        : new ImportedFunction(symbol, Optional.empty(), data.consumeInt(0, 65535), 0));
            }
            dlls.add(new ImportedDll(dllName, functions, data.consumeBoolean()));
        }
        ModuleImports imports;
        try {
            imports = new ModuleImports(dlls);
        } catch (IllegalArgumentException refused) {
            return; // a symbol imported twice: documented refusal (the import resolver never does it)
        }
        buildHeader(spec, imports);
    }

    /** As the build reads files: bytes as ISO-8859-1, so every byte value reaches the parser. */
    private static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    private static void buildHeader(ModuleSpec spec, ModuleImports imports) {
        String assembly;
        try {
            assembly = EMITTER.emit(spec, ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime(),
                    imports);
        } catch (IllegalArgumentException refused) {
            return;
        }
        ElfAssembler.assemble(assembly);
    }
}
