package dev.winelib.asm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;

/**
 * Import symbols and names with every kind of character the emitter accepts assemble in the process as GNU
 * as assembles them. Regression test of a fuzzing finding (SpecFilesFuzzTest#moduleImports, seed
 * import-symbol-dot): an import symbol named {@code .} (written quoted) was taken for the location counter
 * and refused as an internal error.
 */
class OddImportNamesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {".", ".L", ".Lname", "..", "a:b", "x#y", "p;q", "/*c*/", "$dollar", "#", ";", ":", "?",
        "1", "1f", "0x10", "a,b", "(x)", "-", "*"})
    void oddSymbolsAssembleAsWithGas(String name) throws IOException {
        ModuleSpec spec = SpecParser.parse("odd.spec", "@ stdcall f()\n", Optional.empty());
        ModuleImports imports = new ModuleImports(List.of(
                new ImportedDll(name + ".dll", List.of(new ImportedFunction(name, Optional.of(name), 0, 1)), false),
                new ImportedDll("d" + name, List.of(new ImportedFunction(name + "_d", Optional.of(name), 0, 2)), true)));
        String asm = new ModuleAssemblyEmitter("test").emit(spec, ModuleOptions.dll(Optional.empty()).withStubRuntime(),
                imports);
        GasComparison.assertSameObject(dir, "odd", asm);
    }
}
