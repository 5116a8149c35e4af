package dev.winelib.asm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.winelib.resources.Resource;
import dev.winelib.resources.ResourceException;
import dev.winelib.resources.ResourceName;
import dev.winelib.resources.ResourceTable;
import dev.winelib.spec.ModuleSpec;
import dev.winelib.spec.SpecParser;
import dev.winelib.spec.TargetCpu;
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

    /** The same for i386 ({@code -m32}): ELF32 objects against {@code as --32}'s. */
    @Property(tries = 40)
    void sameI386ObjectAsGas(@ForAll("specs") String specText, @ForAll("imports") ModuleImports imports,
            @ForAll boolean stubRuntime) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty(), TargetCpu.I386);
        ModuleOptions options = stubRuntime ? ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime()
                : ModuleOptions.dllWithOptionalEntry("DllMain");
        GasComparison.assertSameObject(dir.path, "random32", EMITTER.emit(spec, options, imports), TargetCpu.I386);
    }

    @Provide
    Arbitrary<ResourceTable> resources() {
        Arbitrary<ResourceName> name = Arbitraries.oneOf(Arbitraries.integers().between(1, 40).map(ResourceName::of),
                Arbitraries.strings().withChars("ABCXYZ_\u00e9\u4e2d").ofMinLength(1).ofMaxLength(6)
                        .map(ResourceName::of));
        Arbitrary<Resource> resource = Combinators.combine(name, name, Arbitraries.of(0, 0x407, 0x409),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(70))
                .as((type, n, language, data) -> new Resource(type, n, language, 0, 0x1030, data, "random"));
        return resource.list().ofMaxSize(12).map(list -> {
            // one resource per type, name and language, as a .res file holds them
            java.util.Map<String, Resource> unique = new java.util.LinkedHashMap<>();
            list.forEach(r -> unique.putIfAbsent(r.type() + "/" + r.name() + "/" + r.language(), r));
            try {
                return ResourceTable.of(new ArrayList<>(unique.values()));
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Provide
    Arbitrary<ModuleOptions> headerOptions() {
        Arbitrary<ModuleOptions> base = Arbitraries.of(ModuleOptions.dllWithOptionalEntry("DllMain"),
                ModuleOptions.dll(Optional.of("__wine_spec_dll_entry")).withStubRuntime(),
                ModuleOptions.exe("__wine_spec_exe_entry"), ModuleOptions.exe("__wine_spec_exe_wentry"));
        return Combinators.combine(base, Arbitraries.of(ModuleOptions.SUBSYSTEM_WINDOWS_CUI,
                ModuleOptions.SUBSYSTEM_WINDOWS_GUI), Arbitraries.longs().between(-1, 0xFFFF_FFFFL),
                Arbitraries.integers().between(0, 65535))
                .as((o, subsystem, time, heap) -> {
                    ModuleOptions r = o.withSubsystem(subsystem, 6, 2).withHeapReserveKib(heap);
                    return time < 0 ? r : r.withTimeDateStamp(time);
                });
    }

    /** Issue 6's template parts (resource directory, executables, header options) assemble as with GNU as. */
    @Property(tries = 40)
    void resourcesAndHeaderOptionsAsGas(@ForAll("specs") String specText, @ForAll("resources") ResourceTable resources,
            @ForAll("headerOptions") ModuleOptions options) throws IOException {
        ModuleSpec spec = SpecParser.parse("t.spec", specText, Optional.empty());
        GasComparison.assertSameObject(dir.path, "resources", EMITTER.emit(spec, options, ModuleImports.none(),
                resources));
    }
}
