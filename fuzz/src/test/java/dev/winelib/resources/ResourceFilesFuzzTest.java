package dev.winelib.resources;

import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.winelib.asm.ModuleAssemblyEmitter;
import dev.winelib.asm.ModuleImports;
import dev.winelib.asm.ModuleOptions;
import dev.winelib.asm.elf.ElfAssembler;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;

/**
 * The {@code .res} reader (resources given with {@code -r} or among winegcc's inputs) on any bytes: each
 * input ends in resources or a {@link ResourceException}. Accepted resources go on as the build takes
 * them: into a {@link ResourceTable} (which refuses duplicates with a {@link ResourceException}), into the
 * module header's resource directory, and through the in-process assembler, which must accept whatever
 * the emitter wrote.
 */
class ResourceFilesFuzzTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j fuzz");
    private static final ModuleSpec SPEC = SpecParser.parse("res.spec", "@ stdcall f()\n", Optional.empty());

    @FuzzTest
    void resFile(byte[] input) {
        ResourceTable table;
        try {
            List<Resource> resources = ResourceFileReader.parse("fuzz.res", input);
            table = ResourceTable.of(resources);
        } catch (ResourceException expected) {
            return;
        }
        String assembly = EMITTER.emit(SPEC, ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime(),
                ModuleImports.none(), table);
        ElfAssembler.assemble(assembly);
    }
}
