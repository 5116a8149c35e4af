package dev.winelib.asm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Module headers of random specs with random imports: the in-process object means what GNU as's does. */
@AddLifecycleHook(ExternalTools.NeedsGcc.class)
class RandomModulesMatchGasTest {

    private static final ModuleAssemblyEmitter EMITTER = new ModuleAssemblyEmitter("winebuild-j test");
    private static PropertyDirectory dir;

    @BeforeContainer
    static void createDirectory() {
        dir = new PropertyDirectory("winebuild-j-elf");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        dir.close();
    }

    @Provide
    Arbitrary<String> specs() {
        return GeneratedSpecs.specs(40);
    }

    @Provide
    Arbitrary<ModuleImports> imports() {
        Arbitrary<ImportedFunction> function = Combinators.combine(GeneratedSpecs.identifiers(),
                Arbitraries.of(true, true, true, false), Arbitraries.integers().between(1, 65535),
                Arbitraries.integers().between(0, 3000))
                .as((name, byName, ordinal, hint) -> new ImportedFunction(name,
                        byName ? Optional.of(name) : Optional.empty(), ordinal, hint));
        Arbitrary<ImportedDll> dll = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1)
                .ofMaxLength(8), function.list().ofMaxSize(30), Arbitraries.of(false, false, true))
                .as((name, functions, delayed) -> new ImportedDll(name + ".dll", functions, delayed));
        return dll.list().ofMaxSize(5).map(dlls -> {
            // one symbol per function across the module, as the import resolver guarantees
            List<ImportedDll> unique = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ImportedDll d : dlls) {
                List<ImportedFunction> fs = d.functions().stream().filter(f -> seen.add(f.symbol())).toList();
                unique.add(new ImportedDll(d.dllName(), fs, d.delayed()));
            }
            return new ModuleImports(unique);
        });
    }

    @Property(tries = 60)
    void sameObjectAsGas(@ForAll("specs") String specText, @ForAll("imports") ModuleImports imports,
            @ForAll boolean stubRuntime) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty());
        ModuleOptions options = stubRuntime ? ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime()
                : ModuleOptions.dllWithOptionalEntry("DllMain");
        GasComparison.assertSameObject(dir.path, "random", EMITTER.emit(spec, options, imports));
    }
}
